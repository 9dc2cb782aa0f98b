// The console's performance budget, checked by every build: the JavaScript a user downloads from opening /console/
// to seeing the workbench (entry, sign-in, workbench and everything they import), gzipped, must stay within 300 KB.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const budgetKb = 300
const firstScreens = ['src/views/LoginView.vue', 'src/views/WorkbenchView.vue']
const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'))

const chunks = new Set()
const visit = (key) => {
  if (chunks.has(key)) return
  chunks.add(key)
  for (const imported of manifest[key].imports ?? []) visit(imported)
}
for (const key of Object.keys(manifest).filter((k) => manifest[k].isEntry)) visit(key)
// A screen the router imports statically is inside the entry already; a lazy one is its own chunk.
for (const key of firstScreens.filter((k) => manifest[k])) visit(key)

const gzipped = (file) => gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length
const firstKb = [...chunks].map((key) => manifest[key].file).filter((file) => file.endsWith('.js')).reduce((sum, file) => sum + gzipped(file), 0) / 1024
const allKb = Object.values(manifest).filter((c) => c.file.endsWith('.js')).reduce((sum, c) => sum + gzipped(c.file), 0) / 1024
console.log(`Console first screen (sign-in and workbench): ${firstKb.toFixed(1)} KB of gzipped JavaScript (budget ${budgetKb} KB); ` +
  `all screens together: ${allKb.toFixed(1)} KB.`)
if (firstKb > budgetKb) {
  console.error(`Over budget by ${(firstKb - budgetKb).toFixed(1)} KB.`)
  process.exit(1)
}

import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  base: '/console/',
  plugins: [
    vue(),
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
  ],
  server: {
    proxy: { '/api': 'http://127.0.0.1:9180' },
  },
  build: {
    outDir: 'dist',
    // scripts/budget.mjs reads it to weigh the first screen's chunks.
    manifest: true,
    chunkSizeWarningLimit: 800,
  },
})

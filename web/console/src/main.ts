import { createApp } from 'vue'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { scheduleRefresh } from './api'

// After a reload the tokens are still in sessionStorage; keep refreshing them.
scheduleRefresh()
const app = createApp(App).use(router)
// Mount after the first navigation so a signed-out visitor never sees the staff layout flash.
void router.isReady().then(() => app.mount('#app'))

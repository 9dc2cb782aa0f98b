import { createRouter, createWebHistory } from 'vue-router'
import LoginView from './views/LoginView.vue'
import WorkbenchView from './views/WorkbenchView.vue'
import { isSignedIn } from './api'
import { loadMe } from './session'

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/login', component: LoginView, meta: { public: true, title: '登录' } },
    { path: '/', component: WorkbenchView, meta: { title: '工作台' } },
    { path: '/cases', component: () => import('./views/CaseListView.vue'), meta: { title: '案件' } },
    { path: '/cases/:id', component: () => import('./views/CaseView.vue'), meta: { title: '案件详情' } },
    { path: '/reviews', component: () => import('./views/ReviewInboxView.vue'), meta: { title: '审查任务' } },
    { path: '/reviews/:id', component: () => import('./views/ReviewView.vue'), meta: { title: '审查' } },
    { path: '/applications', component: () => import('./views/ApplicationListView.vue'), meta: { title: '申请登记' } },
    { path: '/applications/new', component: () => import('./views/RegistrationView.vue'), meta: { title: '登记申请' } },
    { path: '/applications/:id', component: () => import('./views/ApplicationView.vue'), meta: { title: '申请详情' } },
    { path: '/admin', component: () => import('./views/AdminView.vue'), meta: { title: '单位管理' } },
    {
      path: '/supervision',
      component: () => import('./views/SupervisionView.vue'),
      meta: { title: '监督' },
      children: [
        { path: '', component: () => import('./views/supervision/CasesTab.vue'), meta: { title: '监督 · 各单位案件' } },
        { path: 'indicators', component: () => import('./views/supervision/IndicatorsTab.vue'), meta: { title: '监督 · 指标' } },
        { path: 'bulletins', component: () => import('./views/supervision/BulletinsTab.vue'), meta: { title: '监督 · 通报与红黑榜' } },
        { path: 'heat-map', component: () => import('./views/supervision/HeatMapTab.vue'), meta: { title: '监督 · 热力图' } },
        { path: 'spot-checks', component: () => import('./views/supervision/SpotChecksTab.vue'), meta: { title: '监督 · 抽查' } },
        { path: 'lists', component: () => import('./views/supervision/ListsTab.vue'), meta: { title: '监督 · 两张清单' } },
        { path: 'settings', component: () => import('./views/supervision/SettingsTab.vue'), meta: { title: '监督 · 设置' } },
      ],
    },
    { path: '/supervision/:unit/cases/:id', component: () => import('./views/SupervisedCaseView.vue'), meta: { title: '案件（只读）' } },
    { path: '/publishing', component: () => import('./views/PublishingItemsView.vue'), meta: { title: '主动公开' } },
    { path: '/indicators', component: () => import('./views/UnitIndicatorsView.vue'), meta: { title: '本单位指标' } },
    { path: '/annual-report', component: () => import('./views/AnnualReportView.vue'), meta: { title: '年度报告' } },
    { path: '/city-link', component: () => import('./views/CityLinkView.vue'), meta: { title: '市级平台对接' } },
    { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
  ],
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!isSignedIn()) return { path: '/login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  try {
    await loadMe()
  } catch {
    return { path: '/login' }
  }
  return true
})

router.afterEach((to) => {
  document.title = `${(to.meta.title as string) ?? '工作台'} · 公开`
})

// A new deployment replaces the hashed chunks an open tab still names: load the page afresh.
router.onError((error, to) => {
  if (/dynamically imported module|Importing a module script failed/.test(String(error?.message))) window.location.assign(`/console${to.fullPath}`)
})

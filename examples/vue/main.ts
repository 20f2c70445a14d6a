// Tillkit in a Vue 3 application (type-checked by vue-tsc, built with Vite and driven in Chromium by
// test/e2e/vue.e2e.test.ts). The README's Vue section is Shop.vue and vite.config.ts.
import { createApp } from 'vue';
import Shop from './Shop.vue';

createApp(Shop).mount('#app');

// For tools that read .ts without Vue's language service (ESLint's TypeScript program): a .vue file is a
// component. vue-tsc reads Shop.vue itself, which wins over this.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}

// Tillkit in a Svelte 5 application (checked by svelte-check, built with Vite and driven in Chromium by
// test/e2e/svelte.e2e.test.ts). The README's Svelte section is Shop.svelte.
import { mount } from 'svelte';
import Shop from './Shop.svelte';

mount(Shop, { target: document.getElementById('app')! });

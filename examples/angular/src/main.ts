// Tillkit in an Angular application (built with `ng build` and driven in Chromium by
// test/e2e/angular.e2e.test.ts). Angular 21 runs without zone.js: signals update the view.
import { bootstrapApplication } from '@angular/platform-browser';
import { Shop } from './shop.component';

bootstrapApplication(Shop).catch((error: unknown) => console.error(error));

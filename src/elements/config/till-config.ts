import { define } from '../shared/define.ts';
import { TillConfig } from './config.ts';

define('till-config', TillConfig);

declare global {
  interface HTMLElementTagNameMap {
    'till-config': TillConfig;
  }
}

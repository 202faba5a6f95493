/**
 * The explorer's entry in the browser: mount it on `#wb-explorer`.
 *
 * @module
 */
import { mountExplorer } from './app';
import { explorerModels } from './models';

const root = document.getElementById('wb-explorer');
if (root) mountExplorer(root, explorerModels);

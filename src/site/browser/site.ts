/**
 * The site's own script, loaded on every page (TypeDoc's `customJs`): if
 * the page has an explorer, load the explorer's bundle. The bundle is large
 * (it holds the models), so the other pages never load it.
 *
 * @module
 */

const root = document.documentElement.dataset.base ?? './';

function loadExplorer(): void {
  if (!document.getElementById('wb-explorer')) return;
  const s = document.createElement('script');
  s.src = `${root}assets/explorer.js`;
  s.defer = true;
  document.head.appendChild(s);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', loadExplorer);
else loadExplorer();

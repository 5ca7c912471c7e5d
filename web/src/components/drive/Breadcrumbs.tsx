import { t } from '../../i18n';
import { onLinkClick } from '../../router';
import { driveHref, segments } from './paths';

/** "My files › Photos › 2024"; the last one is the current folder (a heading, not a link). */
export function Breadcrumbs({ folder }: { folder: string }) {
  const parts = segments(folder);
  const crumbs = [{ name: t('drive.myFiles'), path: '/' }, ...parts.map((name, i) => ({ name, path: `/${parts.slice(0, i + 1).join('/')}` }))];
  const last = crumbs.length - 1;
  return (
    <nav class="crumbs" aria-label={t('drive.crumbsLabel')}>
      <ol>
        {crumbs.map((crumb, i) => (
          <li key={crumb.path}>
            {i === last ? (
              <h1 class="crumb-current" aria-current="page">
                {crumb.name}
              </h1>
            ) : (
              <a class="crumb" href={driveHref(crumb.path)} onClick={onLinkClick}>
                {crumb.name}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Region names on the portal's light resource pages, without the division table in their first load. */
import { useEffect, useState } from 'react';

// The national division table (about 30 KB gzip) is not needed before a reader can use the page: it loads
// beside it, from when this module runs, and the region names show as soon as it is there.
let regions: typeof import('../../../common/region.ts') | null = null;
const regionsLoaded = import('../../../common/region.ts').then((m) => (regions = m));

/**
 * A region's name ("江苏省 无锡市 …" is too long for cards: the deepest name only), once the division table is
 * loaded (an empty string until then, '—' when there is no region).
 */
export function useRegionLabel(): (code: string | null | undefined) => string {
  const [mod, setMod] = useState(regions);
  useEffect(() => {
    // Also when the table arrived between the render and this effect.
    if (!mod) void regionsLoaded.then(setMod);
  }, [mod]);
  return (code) => (!code ? '—' : mod ? (mod.regionName(code) ?? code) : '');
}

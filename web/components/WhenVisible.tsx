/**
 * Renders its children once the place where they go comes near the viewport (within `margin`), so code and
 * data for below-the-fold sections are fetched when a reader scrolls towards them, not before the page is
 * usable on a phone. Without IntersectionObserver (old browsers) the children render at once.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function WhenVisible({ children, margin = '400px' }: { children: ReactNode; margin?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (shown || !el) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          io.disconnect();
        }
      },
      { rootMargin: `${margin} 0px` },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [shown, margin]);
  return shown ? <>{children}</> : <div ref={ref} aria-hidden />;
}

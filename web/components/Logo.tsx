/** The mark: two interlocking rings (large and small firms), decorative. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="12" cy="16" r="8" fill="none" stroke="#0958d9" strokeWidth="3" />
      <circle cx="20" cy="16" r="8" fill="none" stroke="#c41d7f" strokeWidth="3" />
    </svg>
  );
}

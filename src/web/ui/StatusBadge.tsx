/** Active / deactivated, in words (never by colour alone). */
export function StatusBadge({ active, label }: { active: boolean; label: string }) {
  return <span className={active ? 'badge badge-active' : 'badge badge-inactive'}>{label}</span>;
}

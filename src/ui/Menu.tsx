import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A drop-down menu on `<details>`: opened by click, Enter or Space like any disclosure, read by
 * screen readers as one; closed by Escape, a click elsewhere or choosing an item.
 */
export function Menu({ label, summary, className = '', children, testId, onToggle }: { label: string; summary: ReactNode; className?: string; children: ReactNode; testId?: string; onToggle?: (open: boolean) => void }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const away = (e: Event) => {
      if (menu.open && !menu.contains(e.target as Node)) menu.open = false;
    };
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !menu.open) return;
      menu.open = false;
      menu.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', away);
    menu.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('pointerdown', away);
      menu.removeEventListener('keydown', key);
    };
  }, []);
  // A button chosen inside closes the menu; checkboxes and selects keep it open.
  const chosen = (e: React.MouseEvent) => {
    if ((e.target as HTMLElement).closest('button') && ref.current) ref.current.open = false;
  };
  return (
    <details ref={ref} className={`menu ${className}`} data-testid={testId} onToggle={onToggle && ((e) => onToggle((e.target as HTMLDetailsElement).open))}>
      <summary aria-label={label} title={label}>
        {summary}
      </summary>
      <div className="menu-items" onClick={chosen}>
        {children}
      </div>
    </details>
  );
}

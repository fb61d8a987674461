import { useRef, type ReactNode } from 'react';

/** A button that opens the file chooser for one file (notebooks, schemes). */
export function FileButton({ children, accept, testId, onFile }: { children: ReactNode; accept: string; testId: string; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        data-testid={testId}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          // Cleared at once so choosing the same file again fires a change event.
          e.currentTarget.value = '';
          if (f) onFile(f);
        }}
      />
    </>
  );
}

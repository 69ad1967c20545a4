/** Light, dark, or the system's choice (prefers-color-scheme); the choice is remembered. */
export type ThemeChoice = 'system' | 'light' | 'dark';
const storageKey = 'osr.theme';

export function initialTheme(): ThemeChoice {
  const saved = localStorage.getItem(storageKey);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') {
    localStorage.removeItem(storageKey);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(storageKey, choice);
    document.documentElement.dataset.theme = choice;
  }
}

/**
 * The only module that knows the dashboard's controls come from `@vscode/webview-ui-toolkit`
 * (deprecated upstream since January 2025). Everything else asks for a button, a text field, a
 * dropdown, a badge or a progress ring here, so moving to the toolkit's successor (or to plain
 * elements) is a change to this file alone.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Defines the custom elements the dashboard uses (and only those). Safe to call more than once. */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDropdown(), vsCodeOption(), vsCodeProgressRing(), vsCodeTextField());
}

export interface ButtonOptions {
  readonly appearance?: 'primary' | 'secondary';
  /** Tooltip and accessible description. */
  readonly title?: string;
}

/** A button; listen to `click` on it. */
export function createButton(label: string, options: ButtonOptions = {}): HTMLElement {
  const button = document.createElement('vscode-button');
  button.textContent = label;
  button.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.title !== undefined) button.title = options.title;
  return button;
}

/** A form control whose current value is a string. */
export interface ValueControl {
  readonly element: HTMLElement;
  value: string;
  /** Called with the new value as the user changes it. */
  onChange(listener: (value: string) => void): void;
}

interface ValueElement extends HTMLElement {
  value: string;
}

export function createTextField(options: { readonly placeholder: string; readonly label: string }): ValueControl {
  const field = document.createElement('vscode-text-field') as ValueElement;
  field.setAttribute('placeholder', options.placeholder);
  // The toolkit names the field after its text (the visible label), replacing any aria-label.
  field.textContent = options.label;
  return {
    element: field,
    get value() {
      return field.value ?? '';
    },
    set value(value: string) {
      field.value = value;
    },
    onChange(listener) {
      field.addEventListener('input', () => listener(field.value ?? ''));
    },
  };
}

export interface DropdownControl extends ValueControl {
  /** Replaces the choices, keeping the value when it is still one of them (else the first choice). */
  setOptions(options: readonly { readonly value: string; readonly label: string }[]): void;
}

export function createDropdown(options: { readonly label: string }): DropdownControl {
  const dropdown = document.createElement('vscode-dropdown') as ValueElement;
  dropdown.setAttribute('aria-label', options.label);
  let current = '';
  return {
    element: dropdown,
    get value() {
      return current;
    },
    set value(value: string) {
      current = value;
      dropdown.value = value;
    },
    setOptions(choices) {
      if (!choices.some((choice) => choice.value === current)) current = choices[0]?.value ?? '';
      dropdown.replaceChildren(
        ...choices.map((choice) => {
          const option = document.createElement('vscode-option') as ValueElement;
          option.setAttribute('value', choice.value);
          option.textContent = choice.label;
          if (choice.value === current) option.setAttribute('selected', '');
          return option;
        }),
      );
      dropdown.value = current;
    },
    onChange(listener) {
      dropdown.addEventListener('change', () => {
        current = dropdown.value ?? '';
        listener(current);
      });
    },
  };
}

/**
 * A small count pill. Not the toolkit's badge: its template carries a `style` attribute, which the
 * webview's CSP (no 'unsafe-inline' styles) blocks; this one is styled by dashboard.css alone.
 */
export function createBadge(text = ''): HTMLElement {
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = text;
  return badge;
}

/** An indeterminate spinner (the toolkit announces every one as "Loading", whatever the label). */
export function createProgressRing(label: string): HTMLElement {
  const ring = document.createElement('vscode-progress-ring');
  ring.setAttribute('aria-label', label);
  return ring;
}

import type { Extension } from '@codemirror/state';
import type { Language } from '@corazy/contracts';
import { python } from '@codemirror/lang-python';
import { java } from '@codemirror/lang-java';
import { cpp } from '@codemirror/lang-cpp';
import { javascript } from '@codemirror/lang-javascript';

export function languageSupport(language: Language): Extension {
  switch (language) {
    case 'python':
      return python();
    case 'java':
      return java();
    case 'c':
    case 'cpp':
      return cpp();
    case 'javascript':
      return javascript();
  }
}

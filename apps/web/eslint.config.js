// @ts-check
// The root rules with the web app's own TypeScript projects (DOM, JSX, bundler resolution):
// `npx eslint .` here. The root config can take the same block (see docs/web.md).
import root from '../../eslint.config.js';

export default [
  ...root,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
];

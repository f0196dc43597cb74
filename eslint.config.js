// ESLint for the browser scripts (wwwroot/js) and their Node tests (tests/js); test.sh runs it with the other checks.
import js from '@eslint/js';
import globals from 'globals';

const callModules = ['src/Rapport.Web/wwwroot/js/live-session.js', 'src/Rapport.Web/wwwroot/js/live/**/*.js', 'src/Rapport.Web/wwwroot/js/messages-live.js'];

export default [
  js.configs.recommended,
  {
    // The small page helpers are classic scripts written for old phone browsers too (var, no modules).
    files: ['src/Rapport.Web/wwwroot/js/**/*.js'],
    ignores: callModules,
    languageOptions: { ecmaVersion: 2017, sourceType: 'script', globals: globals.browser },
    rules: { 'eqeqeq': ['error', 'always'], 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    // The live call needs WebRTC anyway, so its scripts are ES modules; the messages page's live update loads with SignalR as they do.
    files: callModules,
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser, signalR: 'readonly' } },
    rules: {
      'no-unused-vars': ['error', { caughtErrors: 'none' }],
      'eqeqeq': ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['tests/js/**/*.js', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
  },
];

import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// Microsoft's Office add-in lint rules (office-addin-lint's own config), for src/.
// no-undef is off for TypeScript: the compiler already checks names, including DOM and Office globals.
export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
  },
  {
    files: ["**/*.ts"],
    rules: { "no-undef": "off" },
  },
];

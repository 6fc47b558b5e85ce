// Type-checked (not run) by types.test.js with `tsc --strict`: the
// generated declarations describe the API as the tests use it.
import {
  check, checkAsync, cost, detect, detectAsync, detectFiles, detectTool, detectTooling, explain, fix, FlyconfError,
  generate, loadSkill, migrate, parse, plan, recommend, rules, templates,
  type Diagnostic, type DetectionReport, type FileReport, type FileSet, type FixReport, type Rule,
  type ToolingReport, type ToolReport
} from '..'

const report: FileReport = check('app = "x"\n', { filename: 'fly.toml' })
const first: Diagnostic | undefined = report.diagnostics[0]
const byteStart: number | undefined = first?.span.start
const jsStart: number | undefined = first?.span.utf16_start
const fixText: string | undefined = first?.fix?.edits[0]?.replacement
const fixEnd: number | undefined = first?.fix?.edits[0]?.utf16_end

async function all (): Promise<void> {
  const d: DetectionReport = detect('.', { tools: ['flyio'], minConfidence: 0.5, patterns: [] })
  const a: DetectionReport = await detectAsync('.')
  const m: DetectionReport = detectFiles({ 'fly.toml': 'app = "x"\n', Dockerfile: Buffer.from('FROM x\n'), x: new Uint8Array([1]) },
    { tools: ['flyio'], minConfidence: 0.3 })
  const c: FileReport = await checkAsync('FROM x\n', { filename: 'Dockerfile' })
  const f: FixReport = fix('app = "x"\n', { filename: 'fly.toml' })
  const p = parse('app = "x"\n')
  const app: string | undefined = p.config.app
  const files: Record<string, string> = generate('python-django', { app: 'shop', environments: ['staging', 'production'], database: 'postgres', redis: true, extraSecrets: ['K'] })
  const set: FileSet = plan('python-django', { region: 'ams' })
  const names: string[] = templates().map((t) => t.name)
  const total: number = cost('app = "x"\n', { machines: 2, regions: ['iad'], hoursPerMonth: 100, includeIpv4: false }).monthly_total
  const platform: 'fly.io' | 'kubernetes' | 'aws' | 'mixed' = recommend('.').platform
  const drafts: string[] = migrate('.', { region: 'ams', appPrefix: 'x' }).apps.map((x) => x.fly_toml)
  const sections: number = loadSkill('flyio').sections.length
  const rule: Rule = explain('FT004')
  const codes: string[] = rules().map((r) => r.code)
  const t: ToolingReport = await detectTooling('.', { tools: ['flyio'], minimumConfidence: 0.7, useCache: false, patterns: ['tooling-patterns.json'] })
  const one: ToolReport = await detectTool('.', 'flyio', {})
  void [d, a, m, c, f.text, app, files['fly.toml'], set.files[0]?.contents, names, total, platform, drafts, sections,
    rule.docs_url, codes, t.all_results, one.signals]
  try {
    generate('nope')
  } catch (e) {
    if (e instanceof FlyconfError) {
      const code: string = e.code
      const suggestion: string = e.suggestion
      void [code, suggestion]
    }
  }
}
void [byteStart, jsStart, fixText, fixEnd, all]

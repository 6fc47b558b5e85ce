#!/usr/bin/env node
// Drop-in for upstream `node detect-tooling.js [projectPath] [--tools a,b]
// [--min-confidence X] [--tool name]`: the same argument handling (quirks
// included: the path is always the first argument, `--tool` runs at once
// and ignores what follows it, `--tools=a` is not recognised), the same
// output (`JSON.stringify(result, null, 2)` with `performance` last: the
// scan's whole milliseconds, as `flyconf detect --compat fortium` prints),
// and the same exit codes (0 detected, 1 not detected, 2 error).
//
// One extension: `--patterns FILE` (repeatable, before `--tool`) loads a
// pattern file instead of the embedded tooling set, e.g. upstream's own
// `tooling-patterns.json`. Upstream ignores unknown flags, so scripts
// written for it run unchanged.
'use strict'

// detectTooling / detectTool with `performance` (internal).
const { _detectToolingCli: detect } = require('..')

function print (result) {
  console.log(JSON.stringify(result, null, 2))
}

async function main () {
  const args = process.argv.slice(2)

  const projectPath = args[0] || process.cwd()
  const options = {}

  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--tools' && args[i + 1]) {
      options.tools = args[i + 1].split(',')
      i++
    } else if (args[i] === '--min-confidence' && args[i + 1]) {
      options.minimumConfidence = parseFloat(args[i + 1])
      i++
    } else if (args[i] === '--patterns' && args[i + 1]) {
      (options.patterns ??= []).push(args[i + 1])
      i++
    } else if (args[i] === '--tool' && args[i + 1]) {
      const toolName = args[i + 1]
      try {
        const result = await detect(projectPath, toolName, options)
        print(result)
        process.exit(result.detected ? 0 : 1)
      } catch (error) {
        console.error(`Error detecting ${toolName}:`, error.message)
        process.exit(2)
      }
      return
    }
  }

  try {
    const result = await detect(projectPath, null, options)
    print(result)
    process.exit(result.detected ? 0 : 1)
  } catch (error) {
    console.error('Error detecting tooling:', error.message)
    process.exit(2)
  }
}

main()

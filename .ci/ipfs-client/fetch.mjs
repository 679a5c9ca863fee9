// usage: node fetch.mjs <gatewayUrl> <cid> <outPath>
//
// CI's check that a stock IPFS client fetches and verifies a fragment from a keeper node
// (.ci/readme-walkthrough runs it against the walk-through's fragment). The client and its
// versions are pinned in package.json and package-lock.json; npm installs them from the registry.
//
// Fetches a UnixFS file with the stock @helia/verified-fetch client, using ONLY
// the given trustless gateway: no libp2p, no bitswap, no delegated routing, no
// default/public gateways, no DNS. Every block is hash-verified by Helia
// (helia/storage.js getCidBlockVerifierFunction) before the UnixFS exporter uses it.
import fs from 'node:fs'
import dc from 'node:diagnostics_channel'
import { setMaxListeners } from 'node:events'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createHeliaLight } from 'helia'
import { trustlessGatewayBlockBroker } from '@helia/trustless-gateway-client'
import { fallbackRouter } from '@helia/fallback-router'
import { dns } from '@multiformats/dns'
import { defaultLogger } from 'birnam'
import { createVerifiedFetch } from '@helia/verified-fetch'

const [gatewayArg, cid, outPath] = process.argv.slice(2)
if (gatewayArg == null || cid == null || outPath == null) {
  console.error('usage: node fetch.mjs <gatewayUrl> <cid> <outPath>')
  process.exit(2)
}
const gateway = new URL(gatewayArg)
const timeoutMs = Number(process.env.FETCH_TIMEOUT_MS ?? 60_000)
const started = performance.now()

// ---- network guard: anything not aimed at the gateway is refused and counted
const violations = []
const realFetch = globalThis.fetch
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
  if (url.origin !== gateway.origin) {
    violations.push(`fetch ${url}`)
    throw new Error(`network guard: refused fetch to ${url}`)
  }
  return realFetch(input, init)
}
const gatewayPort = Number(gateway.port || (gateway.protocol === 'https:' ? 443 : 80))
const isGateway = (address, port) => port === gatewayPort && ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(address)
dc.subscribe('net.client.socket', ({ socket }) => { // every outgoing TCP socket, whoever opens it
  socket.once('connect', () => {
    if (!isGateway(socket.remoteAddress, socket.remotePort)) {
      violations.push(`socket ${socket.remoteAddress}:${socket.remotePort}`)
      socket.destroy(new Error('network guard: refused socket'))
    }
  })
  socket.once('error', (err) => { // failed attempts count too
    if (err.address != null && !isGateway(err.address, err.port)) violations.push(`socket ${err.address}:${err.port} (${err.code})`)
  })
})
const noDns = async (domain) => { violations.push(`dns ${domain}`); throw new Error(`DNS disabled (${domain})`) }

// ---- fail fast: helia logs a rejected block (hash mismatch) or an HTTP error from the gateway, then
// its session waits for more providers until the abort signal fires. With a single gateway nothing
// else can supply the block, so abort at once with the real reason (helia's stock logger, DEBUG=helia*
// still works, is wrapped to see its error-level messages).
const controller = new AbortController()
setMaxListeners(Infinity, controller.signal)
const failFast = process.env.FAIL_FAST !== '0'
function onLoggedError (args) {
  const err = args.find(a => a instanceof Error)
  const blockCid = args.find(a => a?.multihash != null && a?.code != null) // helia logs the CID with %c
  if (err == null || blockCid == null || controller.signal.aborted || !failFast) return
  if (err.name === 'InvalidMultihashError' || /Unable to fetch raw block .* received \d+/.test(err.message)) {
    controller.abort(new Error(`block ${blockCid}: ${err.name}: ${err.message}`))
  }
}
function wrapLogger (log) {
  const f = (...a) => log(...a)
  f.error = (...a) => { onLoggedError(a); log.error(...a) }
  f.trace = (...a) => log.trace(...a)
  f.newScope = (name) => wrapLogger(log.newScope(name))
  Object.defineProperty(f, 'enabled', { get: () => log.enabled })
  return f
}
const baseLogger = defaultLogger()
const logger = { forComponent: (name) => wrapLogger(baseLogger.forComponent(name)) }

// ---- helia with nothing but one trustless gateway
const helia = createHeliaLight({
  logger,
  dns: dns({ resolvers: { '.': noDns } }),
  routers: [
    // workaround for helia 7.1.15 routing.js: with zero non-"fallback" routers, findProviders() never
    // finishes (its merge() waits for a queue 'idle' event that only a finishing router emits), so
    // the fetch hangs silently. A router that finds nothing lets routing move on to the fallback one.
    { name: 'no-routing', async * findProviders () {} },
    // the only real source of providers: a static "fallback" router that names our gateway for every CID
    fallbackRouter({ gateways: [gateway.toString()], shuffle: false })
  ],
  // the only block broker: trustless gateway (GET /ipfs/<cid>?format=raw, Accept: application/vnd.ipld.raw)
  blockBrokers: [trustlessGatewayBlockBroker({ allowInsecure: true, allowLocal: true })]
})
await helia.start()
const verifiedFetch = await createVerifiedFetch(helia)

// an error in a block fetched after the response headers were sent (mid-stream) surfaces in
// ipfs-unixfs-exporter 16.2.2 (content/file.js) as an unhandled rejection, which would crash the
// process and leave a partial output file: turn it into an abort so the normal failure path runs
process.on('unhandledRejection', (err) => {
  if (!controller.signal.aborted) controller.abort(err instanceof Error ? err : new Error(String(err)))
})

let code = 0
let timer
try {
  // a ref'd timer (AbortSignal.timeout() is unref'd and would let a stalled fetch exit silently with 13)
  timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)
  const res = await verifiedFetch(`ipfs://${cid}`, { signal: controller.signal })
  if (!res.ok) {
    throw new Error(`verified-fetch answered ${res.status} ${res.statusText}: ${(await res.text()).slice(0, 500)}`)
  }
  await pipeline(Readable.fromWeb(res.body), fs.createWriteStream(outPath))
  const size = fs.statSync(outPath).size
  console.log(`ok ${cid} -> ${outPath} (${size} bytes) in ${((performance.now() - started) / 1000).toFixed(2)} s`)
} catch (err) {
  code = 1
  fs.rmSync(outPath, { force: true })
  console.error(`FAILED after ${((performance.now() - started) / 1000).toFixed(2)} s: ${err?.name}: ${err?.message}`)
  if (controller.signal.aborted) console.error(`  aborted because: ${controller.signal.reason?.message}`)
  for (const e of err?.errors ?? err?.cause?.errors ?? []) console.error(`  caused by: ${e?.message}`)
  if (err?.cause != null && err.cause.errors == null) console.error(`  cause: ${err.cause?.message ?? err.cause}`)
} finally {
  clearTimeout(timer)
  await verifiedFetch.stop() // stops helia (routing, block brokers, sessions)
}
if (violations.length > 0) {
  console.error(`network guard: ${violations.length} non-gateway attempts: ${violations.join(', ')}`)
  fs.rmSync(outPath, { force: true })
  code = 3
}
process.exitCode = code
// no process.exit(): the process must end on its own once helia has stopped;
// an unref'd watchdog reports it if something still holds the event loop
setTimeout(() => { console.error('watchdog: event loop still alive 5 s after stop()'); process.exit(code || 4) }, 5000).unref()

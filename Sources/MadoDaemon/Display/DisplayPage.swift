// SPDX-License-Identifier: Apache-2.0
// The hall board (GET /display/{id}): one self-contained page, no external assets, Japanese, large
// high-contrast numbers for reading from across the hall.
import MadoCore

/// The board's HTML. The page starts from the state embedded in it (so the first paint is right
/// without a round trip), then follows `{id}/events` (SSE) and asks `../v1/display/{id}/state`
/// again after every (re)connect and whenever counts change, so a board that was off for an hour
/// shows the hall as it is. Announcements (`display.announce`) are queued and played one after
/// another, chime then speech, never overlapping.
///
/// Every datum goes into the DOM through `textContent`; the embedded state is JSON with `<` escaped.
/// The body's `data-*` attributes count connections, state loads and calls received over the
/// stream, and with `?test=1` the title repeats them (the browser test reads it from Chromium's
/// DevTools target list, which needs no WebSocket client).
enum DisplayPage {
    static func html(displayID: String, title: String, initialState: JSONValue) -> String {
        let id = HTMLText.escape(displayID)
        return #"""
            <!doctype html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\#(HTMLText.escape(title)) — 呼出表示</title>
            <style>\#(css)</style>
            </head>
            <body data-display="\#(id)" data-opens="0" data-loads="0" data-sse-calls="0">
            <header>
              <h1 id="title">\#(HTMLText.escape(title))</h1>
              <div id="clock" aria-label="現在時刻"><span id="date"></span><span id="time"></span></div>
            </header>
            <main>
              <section id="calls" aria-labelledby="calls-heading">
                <h2 id="calls-heading">お呼び出し中の番号</h2>
                <ol id="call-list" aria-live="polite"></ol>
                <p id="no-calls" hidden>ただいまお呼び出し中の番号はありません</p>
              </section>
              <section id="services" aria-labelledby="services-heading">
                <h2 id="services-heading">待ち状況</h2>
                <ul id="service-list"></ul>
                <p class="legend">○ 空き　△ やや混み　● 混雑</p>
              </section>
            </main>
            <footer>
              <span id="connection" data-connected="0">○ 接続しています…</span>
              <button id="audio-unlock" type="button" hidden>音声を有効にする</button>
            </footer>
            <script id="initial-state" type="application/json">\#(HTMLText.scriptJSON(initialState))</script>
            <script>\#(script)</script>
            </body>
            </html>
            """#
    }

    static let css = """
        *{box-sizing:border-box;margin:0;padding:0}
        html,body{height:100%;background:#000;color:#fff;overflow:hidden;
          font-family:"IPAexGothic","Noto Sans CJK JP","Hiragino Sans",sans-serif}
        body{display:grid;grid-template-rows:9vh 1fr 5vh}
        header{display:flex;align-items:center;justify-content:space-between;padding:0 2vw;
          background:#1a1a1a;border-bottom:0.4vh solid #fff}
        h1{font-size:5vh;font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        #clock{font-size:5vh;font-variant-numeric:tabular-nums;white-space:nowrap}
        #date{margin-right:1.5vw;font-size:3.6vh}
        main{display:grid;grid-template-columns:63fr 37fr;gap:2vw;padding:2vh 2vw;min-height:0}
        h2{font-size:3.6vh;font-weight:700;margin-bottom:1.5vh;color:#ddd}
        #call-list{list-style:none;display:flex;flex-direction:column;gap:1.2vh}
        .call{display:flex;align-items:center;gap:2vw;padding:0.6vh 1.5vw;border:0.3vh solid #666;
          border-radius:1vh;background:#111}
        .call .number{font-size:8vh;font-weight:800;font-variant-numeric:tabular-nums;min-width:22vw;line-height:1.1}
        .call .arrow{font-size:5vh}
        .call .counter{font-size:6vh;font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        .call.latest{background:#ffd400;color:#000;border:0.8vh solid #fff;outline:0.4vh solid #ffd400;
          padding:1.5vh 1.5vw;position:relative}
        .call.latest .number{font-size:17vh}
        .call.latest .counter{font-size:10vh}
        .call .badge{position:absolute;top:0.6vh;left:1vw;font-size:2.6vh;font-weight:700;
          background:#000;color:#ffd400;padding:0.2vh 0.8vw;border-radius:0.6vh}
        .call.announcing{animation:pulse 1s ease-in-out 3}
        @keyframes pulse{50%{transform:scale(1.02);box-shadow:0 0 0 1vh #fff}}
        @media (prefers-reduced-motion:reduce){.call.announcing{animation:none;text-decoration:underline}}
        #no-calls{font-size:4vh;color:#ccc;padding:3vh 0}
        #service-list{list-style:none;display:flex;flex-direction:column;gap:1.2vh}
        .service{display:grid;grid-template-columns:1fr auto;grid-template-areas:"name level" "count level";
          align-items:center;padding:1vh 1.2vw;border:0.3vh solid #888;border-radius:1vh;background:#111}
        .service .name{grid-area:name;font-size:3.6vh;font-weight:700}
        .service .count{grid-area:count;font-size:3.2vh}
        .service .count b{font-size:6vh;font-variant-numeric:tabular-nums}
        .service .level{grid-area:level;font-size:3.6vh;font-weight:800;padding:0.8vh 1vw;border-radius:0.8vh;
          white-space:nowrap;border:0.4vh solid currentColor}
        .level-low .level{color:#7cc4ff;border-style:solid}
        .level-moderate .level{color:#ffd400;border-style:dashed}
        .level-busy .level{background:#ff7ab0;color:#000;border-color:#fff}
        .service .level.closed{background:#333;color:#fff;border-color:#888;border-style:solid}
        .legend{margin-top:1.5vh;font-size:2.4vh;color:#ccc}
        footer{display:flex;align-items:center;justify-content:space-between;padding:0 2vw;font-size:2.4vh;
          background:#1a1a1a;color:#ddd}
        #connection[data-connected="0"]{color:#ffd400}
        #audio-unlock{font:inherit;font-size:2.6vh;padding:0.3vh 1vw;background:#fff;color:#000;
          border:0.3vh solid #ffd400;border-radius:0.8vh;cursor:pointer}
        """

    static let script = #"""
        (() => {
          'use strict';
          const body = document.body;
          const $ = (id) => document.getElementById(id);
          const displayID = body.dataset.display;
          const testMode = new URLSearchParams(location.search).has('test');
          const stateURL = '../v1/display/' + encodeURIComponent(displayID) + '/state';
          const eventsURL = encodeURIComponent(displayID) + '/events';
          const stats = { opens: 0, loads: 0, sseCalls: 0, lastSSE: '', latency: -1, announced: 0 };
          let current = null;
          let clockOffset = 0;      // server − browser, only when the browser's clock is clearly off
          let timeZone = 'Asia/Tokyo';
          const sseLog = [];        // calls from the stream, to merge into a state fetched meanwhile
          let reloadTimer = null;
          let connected = false;

          function el(tag, cls, text) {
            const e = document.createElement(tag);
            if (cls) e.className = cls;
            if (text !== undefined && text !== null) e.textContent = String(text);
            return e;
          }
          function serverNow() { return Date.now() + clockOffset; }

          function report() {
            body.dataset.opens = stats.opens;
            body.dataset.loads = stats.loads;
            body.dataset.sseCalls = stats.sseCalls;
            body.dataset.lastSseNumber = stats.lastSSE;
            body.dataset.sseLatencyMs = stats.latency;
            body.dataset.announcements = stats.announced;
            if (testMode) {
              const top = current && current.calls.length ? current.calls[0].number : '';
              document.title = 'mado-display opens=' + stats.opens + ' loads=' + stats.loads + ' sse=' + stats.sseCalls +
                ' last=' + stats.lastSSE + ' latency=' + stats.latency + ' top=' + top + ' connected=' + (connected ? 1 : 0);
            }
          }

          function renderCalls() {
            const list = $('call-list');
            list.replaceChildren();
            const calls = current.calls.slice(0, current.display.recentCalls);
            calls.forEach((c, i) => {
              const li = el('li', i === 0 ? 'call latest' : 'call');
              li.dataset.number = c.number;
              if (i === 0) li.appendChild(el('span', 'badge', '最新'));
              li.appendChild(el('span', 'number', c.number));
              li.appendChild(el('span', 'arrow', '→'));
              li.appendChild(el('span', 'counter', c.counterName || c.counter || ''));
              list.appendChild(li);
            });
            $('no-calls').hidden = calls.length > 0;
          }

          const glyphs = { low: '○', moderate: '△', busy: '●' };
          function renderServices() {
            const list = $('service-list');
            list.replaceChildren();
            current.services.forEach((s) => {
              const level = glyphs[s.level] ? s.level : 'low';
              const li = el('li', 'service level-' + level);
              li.dataset.service = s.id;
              li.appendChild(el('span', 'name', s.name));
              const count = el('span', 'count', '待ち ');
              count.appendChild(el('b', null, s.waiting));
              count.appendChild(document.createTextNode(' 人'));
              li.appendChild(count);
              // A service that issues no tickets now says so instead of how busy it is.
              li.appendChild(s.accepting === false
                ? el('span', 'level closed', '受付終了')
                : el('span', 'level', glyphs[level] + ' ' + s.congestion));
              list.appendChild(li);
            });
          }

          function render(state) {
            current = state;
            timeZone = state.display.timeZone || timeZone;
            $('title').textContent = state.display.title;
            renderCalls();
            renderServices();
            tick();
            report();
          }

          function mergeCall(call) {
            const rest = current.calls.filter((c) => c.number !== call.number);
            current.calls = [call].concat(rest).slice(0, current.display.recentCalls);
          }

          function applyCall(call) {
            if (!current || !call || typeof call.number !== 'string') return;
            sseLog.push({ call: call, receivedAt: Date.now() });
            if (sseLog.length > 20) sseLog.shift();
            mergeCall(call);
            renderCalls();
            stats.sseCalls += 1;
            stats.lastSSE = call.number;
            const calledAt = Date.parse(call.calledAt);
            stats.latency = isNaN(calledAt) ? -1 : Math.round(serverNow() - calledAt);
            report();
          }

          async function loadState() {
            const startedAt = Date.now();
            try {
              const response = await fetch(stateURL, { cache: 'no-store' });
              if (!response.ok) throw new Error('HTTP ' + response.status);
              const state = await response.json();
              const offset = Date.parse(state.now) - Date.now();
              clockOffset = Math.abs(offset) > 2000 ? offset : 0;
              stats.loads += 1;
              current = state;
              // Calls that came over the stream while this answer was on its way are newer than it.
              sseLog.filter((e) => e.receivedAt >= startedAt).forEach((e) => mergeCall(e.call));
              render(current);
            } catch (error) {
              scheduleLoad(5000);
            }
          }
          function scheduleLoad(delay) {
            clearTimeout(reloadTimer);
            // A little jitter, so a hall full of boards does not ask in the same millisecond.
            reloadTimer = setTimeout(loadState, (delay === undefined ? 300 : delay) + Math.random() * 300);
          }

          function setConnected(on) {
            connected = on;
            const c = $('connection');
            c.dataset.connected = on ? '1' : '0';
            c.textContent = on ? '● 表示中' : '○ 再接続しています…';
            report();
          }

          let source = null;
          function connect() {
            source = new EventSource(eventsURL);
            source.onopen = () => {
              stats.opens += 1;
              setConnected(true);
              loadState();
            };
            source.onerror = () => {
              setConnected(false);
              // The browser reconnects by itself unless the server refused the stream (e.g. 404 after
              // a configuration change): then start over a little later.
              if (source.readyState === EventSource.CLOSED) {
                source.close();
                setTimeout(connect, 10000);
              }
            };
            source.addEventListener('display.call', (e) => {
              try { applyCall(JSON.parse(e.data)); } catch (error) { /* a malformed event changes nothing */ }
              scheduleLoad();
            });
            source.addEventListener('display.changed', () => scheduleLoad());
            source.addEventListener('display.reset', () => {
              if (current) { current.calls = []; renderCalls(); }
              announcer.clear();
              scheduleLoad(0);
            });
            source.addEventListener('display.announce', (e) => {
              try { announcer.enqueue(JSON.parse(e.data)); } catch (error) { /* ignored */ }
            });
          }

          const announcer = (() => {
            const queue = [];
            let playing = false;
            const button = $('audio-unlock');
            const silence = 'data:audio/wav;base64,UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==';
            const policy = navigator.getAutoplayPolicy ? navigator.getAutoplayPolicy('mediaelement') : 'unknown';
            if (policy !== 'allowed') button.hidden = false;
            button.addEventListener('click', () => {
              // Playing something inside the click unlocks audio for the page in every browser.
              const a = new Audio(silence);
              const p = a.play();
              if (p && p.catch) p.catch(() => {});
              button.hidden = true;
            });
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            function play(url) {
              return new Promise((resolve) => {
                let done = false;
                const finish = () => { if (!done) { done = true; resolve(); } };
                const audio = new Audio(url);
                audio.addEventListener('ended', finish);
                audio.addEventListener('error', finish);
                setTimeout(finish, 30000);
                const p = audio.play();
                if (p && p.catch) {
                  p.catch((error) => {
                    if (error && error.name === 'NotAllowedError') button.hidden = false;
                    finish();
                  });
                }
              });
            }
            function highlight(number) {
              document.querySelectorAll('.call').forEach((li) => {
                li.classList.toggle('announcing', li.dataset.number === number);
              });
            }
            async function pump() {
              if (playing || queue.length === 0) return;
              playing = true;
              const next = queue.shift();
              try {
                const starts = Date.parse(next.startsAt);
                const ends = starts + (Number(next.durationMs) || 0);
                // A replay after a reconnect: the moment has passed, the board already shows the number.
                if (!isNaN(starts) && serverNow() > ends + 30000) return;
                if (!isNaN(starts) && starts > serverNow()) await sleep(Math.min(starts - serverNow(), 30000));
                if (typeof next.number === 'string') highlight(next.number);
                if (typeof next.chime === 'string' && next.chime) await play(next.chime);
                if (typeof next.speech === 'string' && next.speech) await play(next.speech);
              } finally {
                playing = false;
                pump();
              }
            }
            return {
              enqueue(a) {
                if (!a || typeof a !== 'object') return;
                stats.announced += 1;
                report();
                queue.push(a);
                pump();
              },
              clear() { queue.length = 0; },
            };
          })();

          function tick() {
            const now = new Date(serverNow());
            try {
              $('date').textContent = new Intl.DateTimeFormat('ja-JP',
                { timeZone: timeZone, month: 'long', day: 'numeric', weekday: 'short' }).format(now);
              $('time').textContent = new Intl.DateTimeFormat('ja-JP',
                { timeZone: timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
            } catch (error) {
              $('time').textContent = now.toTimeString().slice(0, 5);
            }
          }

          try {
            render(JSON.parse($('initial-state').textContent));
          } catch (error) {
            current = { display: { recentCalls: 6, title: '' }, calls: [], services: [] };
          }
          setInterval(tick, 1000);
          // A safety net: even with a silent stream, counts are never more than a minute old.
          setInterval(() => scheduleLoad(0), 60000);
          connect();
        })();
        """#
}

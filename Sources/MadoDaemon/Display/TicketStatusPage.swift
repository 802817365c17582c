// SPDX-License-Identifier: Apache-2.0
// The page the QR code on a ticket opens on a phone (GET /t/{token}): the ticket's number, state,
// people ahead and estimate, kept current; nothing about anyone else.
import Foundation
import MadoCore

/// The phone page. It starts from the ticket's status embedded in it (`QueueJSON.status`: number,
/// service name, state, people ahead, estimate, counter name while at a counter) and asks
/// `../v1/t/{token}` again every 10 seconds and whenever the phone shows the page again, until
/// the visit has ended. The token stays in the address only; the page sends no referrer.
enum TicketStatusPage {
    /// Seconds between two status requests.
    static let refreshSeconds = 10

    static func html(status: JSONValue) -> String {
        var number = ""
        if case .object(let object) = status, case .string(let text)? = object["number"] { number = text }
        return #"""
            <!doctype html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <meta name="robots" content="noindex">
            <title>受付番号 \#(HTMLText.escape(number))</title>
            <style>\#(css)</style>
            </head>
            <body>
            <main>
              <p id="service"></p>
              <p class="label">受付番号</p>
              <p id="number">\#(HTMLText.escape(number))</p>
              <section id="status" aria-live="polite">
                <p id="headline"></p>
                <p id="detail"></p>
              </section>
              <dl id="wait" hidden>
                <div><dt>あなたの前に</dt><dd id="ahead"></dd></div>
                <div><dt>待ち時間の目安</dt><dd id="estimate"></dd></div>
              </dl>
              <p id="updated"></p>
              <p class="note">この画面は自動で新しくなります。お呼びするまで番号札をお持ちください。
              待ち時間は参考値で、前後することがあります。</p>
            </main>
            <script id="initial-status" type="application/json">\#(HTMLText.scriptJSON(status))</script>
            <script>\#(script.replacingOccurrences(of: "REFRESH_MS", with: String(refreshSeconds * 1000)))</script>
            </body>
            </html>
            """#
    }

    static let css = """
        *{box-sizing:border-box}
        body{margin:0;background:#f4f4f4;color:#111;font-family:"IPAexGothic","Noto Sans CJK JP","Hiragino Sans",sans-serif;
          font-size:18px;line-height:1.5}
        main{max-width:32rem;margin:0 auto;padding:1.2rem}
        #service{margin:0;font-size:1.1rem;font-weight:700}
        .label{margin:1rem 0 0;font-size:1rem}
        #number{margin:0;font-size:4.2rem;font-weight:800;letter-spacing:0.04em;line-height:1.1}
        #status{margin:1rem 0;padding:1rem;border:3px solid #111;border-radius:0.8rem;background:#fff}
        #headline{margin:0;font-size:1.7rem;font-weight:800}
        #detail{margin:0.4rem 0 0;font-size:1.2rem}
        #status.calling{background:#ffd400;border-width:6px}
        #status.ended{background:#e4e4e4;border-style:dashed}
        #wait{margin:0;display:grid;gap:0.6rem}
        #wait div{display:flex;justify-content:space-between;align-items:baseline;padding:0.6rem 0.8rem;
          background:#fff;border:1px solid #999;border-radius:0.6rem}
        dt{font-size:1rem}
        dd{margin:0;font-size:1.5rem;font-weight:700}
        #updated{color:#333;font-size:0.9rem}
        .note{color:#333;font-size:0.9rem}
        """

    static let script = #"""
        (() => {
          'use strict';
          const $ = (id) => document.getElementById(id);
          const token = location.pathname.split('/').pop();
          const statusURL = '../v1/t/' + encodeURIComponent(token);
          const ended = { served: 1, cancelled: 1, reset: 1 };
          let lastState = null;
          let timer = null;

          function describe(s) {
            const at = s.counterName || '窓口';
            switch (s.state) {
              case 'waiting': return ['お待ちください', s.peopleAhead === 0 ? 'まもなくお呼びします' : '順番になりましたらお呼びします'];
              case 'called': return ['お呼びしています', at + 'へお越しください'];
              case 'pickup': return ['お呼びしています', at + 'で書類をお受け取りください'];
              case 'serving': return ['受付中', at + 'で手続きをしています'];
              case 'parked': return ['保留中', '職員がご案内します。しばらくお待ちください'];
              case 'pending': return ['書類を準備しています', '準備ができましたらお呼びします'];
              case 'noShow': return ['お呼びしましたがお見えになりませんでした', '番号札をお持ちのうえ、窓口の職員にお声がけください'];
              case 'served': return ['手続きは終了しました', 'ご来庁ありがとうございました'];
              case 'cancelled': return ['この番号札は取り消されました', 'ご不明な点は職員にお尋ねください'];
              case 'reset': return ['本日の受付は終了しました', ''];
              default: return ['確認中です', ''];
            }
          }

          function render(s) {
            $('service').textContent = s.serviceName || '';
            $('number').textContent = s.number || '';
            const [headline, detail] = describe(s);
            $('headline').textContent = headline;
            $('detail').textContent = detail;
            const box = $('status');
            box.className = (s.state === 'called' || s.state === 'pickup') ? 'calling' : (ended[s.state] ? 'ended' : '');
            box.dataset.state = s.state;
            const waiting = s.state === 'waiting' && typeof s.peopleAhead === 'number';
            $('wait').hidden = !waiting;
            if (waiting) {
              $('ahead').textContent = s.peopleAhead + '人';
              const e = s.estimate;
              $('estimate').textContent = !e ? '—' :
                (e.minMinutes === e.maxMinutes ? '約' + e.minMinutes + '分' : e.minMinutes + '〜' + e.maxMinutes + '分') + '（参考値）';
            }
            if (lastState === 'waiting' && (s.state === 'called' || s.state === 'pickup') && navigator.vibrate) {
              navigator.vibrate([300, 150, 300]);
            }
            lastState = s.state;
            $('updated').textContent = '最終更新 ' + new Date().toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' });
          }

          async function refresh() {
            clearTimeout(timer);
            try {
              const response = await fetch(statusURL, { cache: 'no-store', referrerPolicy: 'no-referrer' });
              if (response.status === 404) {
                $('headline').textContent = 'この番号札は有効ではありません';
                $('detail').textContent = '本日の受付が終了したか、番号札が取り消されました';
                $('wait').hidden = true;
                return;
              }
              if (!response.ok) throw new Error('HTTP ' + response.status);
              render(await response.json());
            } catch (error) {
              $('updated').textContent = '通信できませんでした。自動でやり直します';
            }
            if (!ended[lastState]) timer = setTimeout(refresh, REFRESH_MS);
          }

          render(JSON.parse($('initial-status').textContent));
          if (!ended[lastState]) timer = setTimeout(refresh, REFRESH_MS);
          document.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'visible' && !ended[lastState]) refresh();
          });
        })();
        """#
}

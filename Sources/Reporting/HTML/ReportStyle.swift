/// The report's style sheet, inlined into every page. It names only fonts installed on the
/// reader's machine, so no font is downloaded.
enum ReportStyle {
    static let css = """
        :root { color-scheme: light; --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
          --accent: #0072b2; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--text); background: #ffffff; line-height: 1.5;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", sans-serif; }
        header, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; border-bottom: 1px solid var(--line); }
        h1 { font-size: 26px; margin: 0 0 4px; overflow-wrap: anywhere; }
        h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 16px; margin: 20px 0 8px; }
        .subtitle { color: var(--muted); margin: 0 0 12px; }
        nav ol { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 8px 0 16px; }
        nav a { color: var(--accent); text-decoration: none; }
        nav a:hover { text-decoration: underline; }
        footer { color: var(--muted); font-size: 13px; margin-top: 40px; padding-bottom: 32px; }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px;
          margin: 12px 0; }
        .fact { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
        .fact .label { display: block; color: var(--muted); font-size: 12px; }
        .fact .value { display: block; font-size: 17px; font-weight: 600; overflow-wrap: anywhere; }
        .figures { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
        .figures > * { flex: 1 1 520px; min-width: 0; }
        figure { margin: 0 0 16px; padding: 8px; border: 1px solid var(--line); border-radius: 6px;
          background: #ffffff; width: fit-content; max-width: 100%; }
        .figures > figure { width: auto; }
        figure svg { display: block; max-width: 100%; height: auto; }
        .figures > figure svg { width: 100%; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
        .table-scroll { overflow-x: auto; margin: 8px 0 16px; }
        table { border-collapse: collapse; font-size: 14px; }
        th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: var(--panel); font-weight: 600; white-space: nowrap; }
        tbody tr:nth-child(even) { background: #fbfcfd; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.message { max-width: 360px; overflow-wrap: anywhere; color: var(--muted); }
        tr.best { background: #e8f3fb !important; font-weight: 600; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
        .state { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; background: #eef1f4; }
        .state-complete { background: #dcf2e6; color: #0f5132; }
        .state-pruned { background: #fff3cd; color: #664d03; }
        .state-failed { background: #f8d7da; color: #842029; }
        .verdict { display: inline-block; padding: 2px 12px; border-radius: 14px; font-weight: 600;
          background: #fff3cd; color: #664d03; }
        .verdict-goodFit { background: #dcf2e6; color: #0f5132; }
        .verdict-diverged { background: #f8d7da; color: #842029; }
        .warnings { background: #fff8e6; border-left: 4px solid #e69f00; padding: 8px 12px 8px 32px; }
        .empty { color: var(--muted); font-style: italic; }

        """
}

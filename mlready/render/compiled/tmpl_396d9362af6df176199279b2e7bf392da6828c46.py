from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_card = resolve('card')
    l_0_plan = resolve('plan')
    l_0_lang = resolve('lang')
    l_0__ = resolve('_')
    l_0_project = resolve('project')
    l_0_bank = resolve('bank')
    l_0_cjk_fonts = resolve('cjk_fonts')
    l_0_change = resolve('change')
    l_0_Severity = resolve('Severity')
    l_0_ngettext = resolve('ngettext')
    l_0_expiring = resolve('expiring')
    l_0_evidence = resolve('evidence')
    l_0_evidence_counts = resolve('evidence_counts')
    l_0_contradicted = resolve('contradicted')
    l_0_signoffs = resolve('signoffs')
    l_0_top_actions = resolve('top_actions')
    l_0_trend = resolve('trend')
    l_0_missing = resolve('missing')
    l_0_answers = l_0_overdue = l_0_profile_chart = missing
    try:
        t_1 = environment.filters['answer']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'answer' found.")
    try:
        t_2 = environment.filters['area_bars']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'area_bars' found.")
    try:
        t_3 = environment.filters['bar']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'bar' found.")
    try:
        t_4 = environment.filters['check_rows']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'check_rows' found.")
    try:
        t_5 = environment.filters['code']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'code' found.")
    try:
        t_6 = environment.filters['css_counters']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'css_counters' found.")
    try:
        t_7 = environment.filters['evidence_lines']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'evidence_lines' found.")
    try:
        t_8 = environment.filters['joined']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'joined' found.")
    try:
        t_9 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_10 = environment.filters['level_shown']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'level_shown' found.")
    try:
        t_11 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_12 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_13 = environment.filters['radar']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No filter named 'radar' found.")
    try:
        t_14 = environment.filters['score']
    except KeyError:
        @internalcode
        def t_14(*unused):
            raise TemplateRuntimeError("No filter named 'score' found.")
    try:
        t_15 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_15(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_16 = environment.filters['ticket']
    except KeyError:
        @internalcode
        def t_16(*unused):
            raise TemplateRuntimeError("No filter named 'ticket' found.")
    try:
        t_17 = environment.filters['trend_chart']
    except KeyError:
        @internalcode
        def t_17(*unused):
            raise TemplateRuntimeError("No filter named 'trend_chart' found.")
    try:
        t_18 = environment.filters['words']
    except KeyError:
        @internalcode
        def t_18(*unused):
            raise TemplateRuntimeError("No filter named 'words' found.")
    pass
    l_0_answers = environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'answers')
    context.vars['answers'] = l_0_answers
    context.exported_vars.add('answers')
    l_0_overdue = t_11(context.eval_ctx, t_15(context, (undefined(name='plan') if l_0_plan is missing else l_0_plan), 'overdue'))
    context.vars['overdue'] = l_0_overdue
    context.exported_vars.add('overdue')
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.finalize((undefined(name='lang') if l_0_lang is missing else l_0_lang)))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="mlready">\n<title>'
    yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Readiness review: {name}'), 'format'), name=(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'name') or environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'display_title')))))
    yield '</title>\n<style>\n:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --blocker: #b3261e; --major: #8a5a00; --minor: #1d5c8a; }\n* { box-sizing: border-box; }\nbody { font: 15px/1.45 "Noto Sans", "Helvetica Neue", Arial, '
    yield escape(environment.finalize((undefined(name='cjk_fonts') if l_0_cjk_fonts is missing else l_0_cjk_fonts)))
    yield 'sans-serif; color: var(--ink); margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 62rem; }\nh1 { font-size: 1.7rem; margin: 0 0 .5rem; }\nh2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .15rem; }\nh3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }\np { margin: .4rem 0; }\ntable { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }\nth, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); }\nth { border-bottom: 2px solid var(--ink); }\ntd.n, th.n { text-align: right; white-space: nowrap; }\ntd.nowrap { white-space: nowrap; }\ncode { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: .88em; background: #f2f2f2; padding: 0 .2em; overflow-wrap: anywhere; }\n.meta th { width: 11rem; border-bottom: 1px solid var(--rule); font-weight: 600; }\n.intro { color: var(--muted); font-style: italic; }\n.summary { border: 2px solid var(--ink); padding: .8rem 1.1rem; margin: 1rem 0; }\n.summary h2 { margin-top: 0; border: 0; }\n.level { font-size: 1.3rem; font-weight: 700; }\n.overdue { color: var(--blocker); font-weight: 700; }\n.blocker { color: var(--blocker); font-weight: 700; }\n.major { color: var(--major); font-weight: 600; }\n.minor { color: var(--minor); }\n.status-current { color: #1b6e2a; font-weight: 600; }\n.status-stale { color: var(--blocker); font-weight: 600; }\ntd.evidence { overflow-wrap: anywhere; } td.evidenced { color: #1b6e2a; } td.contradicted { color: var(--blocker); font-weight: 600; }\n.bar { display: inline-block; width: 6rem; height: .7rem; background: #eee; border: 1px solid #999; vertical-align: middle; }\n.bar > span { display: block; height: 100%; }\n.charts { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }\nfigure { margin: .5rem 0; } figcaption { font-size: .85rem; color: var(--muted); }\nsvg.chart { max-width: 100%; height: auto; }\n.gap { border-left: 4px solid var(--rule); padding: .1rem 0 .1rem .8rem; margin: .8rem 0; }\n.gap.sev-blocker { border-color: var(--blocker); } .gap.sev-major { border-color: var(--major); } .gap.sev-minor { border-color: var(--minor); }\n.gap ul { margin: .3rem 0; padding-left: 1.2rem; }\n.note { white-space: pre-line; }\ndetails { margin: .5rem 0; } summary { cursor: pointer; font-weight: 600; }\n@page { size: A4; margin: 16mm 14mm 18mm;\n  @bottom-center { content: '
    yield escape(environment.finalize(t_6(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Page {page} of {pages}'))))
    yield '; font: 9pt "Noto Sans", Arial, '
    yield escape(environment.finalize((undefined(name='cjk_fonts') if l_0_cjk_fonts is missing else l_0_cjk_fonts)))
    yield 'sans-serif; color: #555; } }\n@media print {\n  body { font-size: 10pt; max-width: none; padding: 0; }\n  h2 { break-after: avoid; }\n  tr, .gap, figure, .summary { break-inside: avoid; }\n  thead { display: table-header-group; }\n  a { color: inherit; }\n  details::details-content { content-visibility: visible; display: contents; }\n  details > summary { list-style: none; }\n  .screen-only { display: none; }\n}\n</style>\n</head>\n<body>\n<header>\n<h1>'
    yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Readiness review: {name}'), 'format'), name=(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'name') or environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'display_title')))))
    yield '</h1>\n<table class="meta">\n<tbody>\n'
    if environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'name'):
        pass
        yield '<tr><th scope="row">'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Project')))
        yield '</th><td>'
        yield escape(environment.finalize(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'name')))
        yield '</td></tr>\n'
    if environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'owner'):
        pass
        yield '<tr><th scope="row">'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Owner')))
        yield '</th><td>'
        yield escape(environment.finalize(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'owner')))
        yield '</td></tr>\n'
    yield '<tr><th scope="row">'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Reviewed')))
    yield '</th><td>'
    yield escape(environment.finalize((environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'reviewed') or context.call((undefined(name='_') if l_0__ is missing else l_0__), 'not recorded'))))
    yield '</td></tr>\n<tr><th scope="row">'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Question bank')))
    yield '</th><td>'
    yield escape(environment.finalize(environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'display_title')))
    yield ' ('
    yield escape(environment.finalize(environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'ref')))
    yield ')</td></tr>\n<tr><th scope="row">'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answers file')))
    yield '</th><td>'
    yield escape(environment.finalize(environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'source')))
    yield '</td></tr>\n</tbody>\n</table>\n'
    if environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'intro'):
        pass
        yield '<p class="intro note">'
        yield escape(environment.finalize(environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'intro')))
        yield '</p>\n'
    yield '</header>\n<main>\n<section class="summary" id="summary">\n<h2>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Executive summary')))
    yield '</h2>\n<p><span class="level">'
    yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Level: {level}.'), 'format'), level=environment.getattr(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'level'), 'shown'))))
    yield '</span> '
    yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score {score} (the weakest area), mean {mean} over all checks.'), 'format'), score=t_14(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'score')), mean=t_14(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'mean')))))
    yield '</p>\n'
    if (undefined(name='change') if l_0_change is missing else l_0_change):
        pass
        yield '<p>'
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Since the previous review ({date}, commit {commit}): level {level_before} → {level_after}, score {score_before} → {score_after} ({delta}).'), 'format'), date=context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'previous'), 'date'), 'date')), commit=t_5(environment.getattr(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'previous'), 'short')), level_before=t_10(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'level_before'), (undefined(name='bank') if l_0_bank is missing else l_0_bank)), level_after=t_10(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'level_after'), (undefined(name='bank') if l_0_bank is missing else l_0_bank)), score_before=t_14(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'score_before')), score_after=t_14(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'score_after')), delta=environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'delta'))))
        yield '</p>\n'
    yield '<ul>\n<li><strong>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Blockers:')))
    yield '</strong> '
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'):
        pass
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{count} open: {checks}'), 'format'), count=t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers')), checks=t_8(t_12(context, t_12(context, environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'), attribute='question.id'), 'code')))))
    else:
        pass
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'none open')))
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
    yield '</li>\n<li><strong>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Open gaps:')))
    yield '</strong> '
    yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{count} ({blocker} blocker, {major} major, {minor} minor)'), 'format'), count=t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'open_gaps')), blocker=t_9(context.call(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'gaps_of'), environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'BLOCKER'))), major=t_9(context.call(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'gaps_of'), environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MAJOR'))), minor=t_9(context.call(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'gaps_of'), environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MINOR'))))))
    if (undefined(name='overdue') if l_0_overdue is missing else l_0_overdue):
        pass
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '; ')))
        yield '<span class="overdue">'
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} overdue action', '{count} overdue actions', t_9((undefined(name='overdue') if l_0_overdue is missing else l_0_overdue))), 'format'), count=t_9((undefined(name='overdue') if l_0_overdue is missing else l_0_overdue)))))
        yield '</span>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
    yield '</li>\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'):
        pass
        yield '<li><strong>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Unanswered:')))
        yield '</strong> '
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} applicable question', '{count} applicable questions', t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'))), 'format'), count=t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered')))))
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
        yield '</li>\n'
    if (undefined(name='expiring') if l_0_expiring is missing else l_0_expiring):
        pass
        yield '<li><strong>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Waivers expiring soon:')))
        yield '</strong> '
        l_1_loop = missing
        for l_1_gap, l_1_loop in LoopContext((undefined(name='expiring') if l_0_expiring is missing else l_0_expiring), undefined):
            _loop_vars = {}
            pass
            yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{check} on {date}', _loop_vars=_loop_vars), 'format'), check=t_5(environment.getattr(environment.getattr(l_1_gap, 'question'), 'id')), date=environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'expires'), _loop_vars=_loop_vars)))
            yield escape(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), ', ', _loop_vars=_loop_vars) if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 94 in 'report.html.j2' evaluated to false and no else section was defined."))))
        l_1_loop = l_1_gap = missing
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
        yield '</li>\n'
    if (undefined(name='evidence') if l_0_evidence is missing else l_0_evidence):
        pass
        yield '<li><strong>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Evidence from the repository:')))
        yield '</strong> '
        yield escape(environment.finalize((undefined(name='evidence_counts') if l_0_evidence_counts is missing else l_0_evidence_counts)))
        if (undefined(name='contradicted') if l_0_contradicted is missing else l_0_contradicted):
            pass
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '; ')))
            yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'contradicted: {checks}'), 'format'), checks=t_8(t_12(context, t_12(context, (undefined(name='contradicted') if l_0_contradicted is missing else l_0_contradicted), attribute='id'), 'code')))))
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
        yield '</li>\n'
    yield '<li><strong>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sign-off:')))
    yield '</strong> '
    l_1_loop = missing
    t_19 = 1
    for l_1_state, l_1_loop in LoopContext((undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs), undefined):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'name')))
        yield ' ('
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'role')))
        yield '), '
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'date')))
        yield ': <span class="'
        yield escape(environment.finalize(('status-current' if environment.getattr(l_1_state, 'current') else 'status-stale')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(l_1_state, 'status')))
        yield '</span>'
        yield escape(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), '; ', _loop_vars=_loop_vars) if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 99 in 'report.html.j2' evaluated to false and no else section was defined."))))
        t_19 = 0
    l_1_loop = l_1_state = missing
    if t_19:
        pass
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'none recorded')))
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
    yield '</li>\n</ul>\n<h3>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'What to do first')))
    yield '</h3>\n'
    if (undefined(name='top_actions') if l_0_top_actions is missing else l_0_top_actions):
        pass
        yield '<table>\n<thead><tr><th class="n">#</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Severity')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Owner')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Due')))
        yield '</th></tr></thead>\n<tbody>\n'
        l_1_loop = missing
        for l_1_item, l_1_loop in LoopContext((undefined(name='top_actions') if l_0_top_actions is missing else l_0_top_actions), undefined):
            _loop_vars = {}
            pass
            yield '<tr><td class="n">'
            yield escape(environment.finalize(environment.getattr(l_1_loop, 'index')))
            yield '</td><td>'
            yield escape(environment.finalize(t_5(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'gap'), 'question'), 'id'))))
            yield ' '
            yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'gap'), 'question'), 'prompt')))
            yield '</td><td class="'
            yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'gap'), 'severity'), 'value')))
            yield '">'
            yield escape(environment.finalize(t_18(environment.getattr(environment.getattr(l_1_item, 'gap'), 'severity'))))
            yield '</td><td class="nowrap">'
            yield escape(environment.finalize((environment.getattr(environment.getattr(l_1_item, 'action'), 'owner') if (environment.getattr(l_1_item, 'action') and environment.getattr(environment.getattr(l_1_item, 'action'), 'owner')) else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'no owner', _loop_vars=_loop_vars))))
            yield '</td><td class="nowrap">'
            yield escape(environment.finalize((environment.getattr(l_1_item, 'due') or context.call((undefined(name='_') if l_0__ is missing else l_0__), 'no date', _loop_vars=_loop_vars))))
            if environment.getattr(l_1_item, 'overdue'):
                pass
                yield ' <span class="overdue">'
                yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'overdue', _loop_vars=_loop_vars)))
                yield '</span>'
            yield '</td></tr>\n'
        l_1_loop = l_1_item = missing
        yield '</tbody>\n</table>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No open gap: nothing to do.')))
        yield '</p>\n'
    yield '</section>\n\n<section id="areas">\n<h2>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Areas')))
    yield '</h2>\n<div class="charts">\n<figure>'
    yield escape(environment.finalize(t_2((undefined(name='card') if l_0_card is missing else l_0_card))))
    yield '<figcaption>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), "Area scores; dashed lines mark the levels' thresholds.")))
    yield '</figcaption></figure>\n'
    l_0_profile_chart = t_13((undefined(name='card') if l_0_card is missing else l_0_card))
    context.vars['profile_chart'] = l_0_profile_chart
    context.exported_vars.add('profile_chart')
    if (undefined(name='profile_chart') if l_0_profile_chart is missing else l_0_profile_chart):
        pass
        yield '<figure>'
        yield escape(environment.finalize((undefined(name='profile_chart') if l_0_profile_chart is missing else l_0_profile_chart)))
        yield '<figcaption>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The area profile.')))
        yield '</figcaption></figure>\n'
    yield '</div>\n'
    if (undefined(name='trend') if l_0_trend is missing else l_0_trend):
        pass
        yield '<figure>'
        yield escape(environment.finalize(t_17((undefined(name='trend') if l_0_trend is missing else l_0_trend), (undefined(name='bank') if l_0_bank is missing else l_0_bank))))
        yield '<figcaption>'
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score over time ({count} points since {date}).'), 'format'), count=t_9(environment.getattr((undefined(name='trend') if l_0_trend is missing else l_0_trend), 'points')), date=environment.getattr(environment.getitem(environment.getattr((undefined(name='trend') if l_0_trend is missing else l_0_trend), 'points'), 0), 'date'))))
        yield '</figcaption></figure>\n'
    yield '<table>\n<thead><tr><th>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Area')))
    yield '</th><th class="n">'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score')))
    yield '</th><th></th><th class="n">'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answered')))
    yield '</th><th class="n">'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Gaps')))
    yield '</th></tr></thead>\n<tbody>\n'
    for l_1_row in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'areas'):
        _loop_vars = {}
        pass
        yield '<tr><td>'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_row, 'area'), 'title')))
        yield '</td><td class="n">'
        yield escape(environment.finalize(t_14(environment.getattr(l_1_row, 'score'))))
        yield '</td><td>'
        yield escape(environment.finalize(t_3(environment.getattr(l_1_row, 'score'))))
        yield '</td><td class="n">'
        yield escape(environment.finalize(environment.getattr(l_1_row, 'answered')))
        yield '/'
        yield escape(environment.finalize(environment.getattr(l_1_row, 'applicable')))
        yield '</td><td class="n">'
        yield escape(environment.finalize(environment.getattr(l_1_row, 'gaps')))
        yield '</td></tr>\n'
    l_1_row = missing
    yield '</tbody>\n</table>\n<h3>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'How the level is set')))
    yield '</h3>\n<p>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'A system is as ready as its weakest area, so the score is the lowest area score.')))
    yield '\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'):
        pass
        l_0_missing = t_11(context.eval_ctx, t_15(context, environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'), 'score', 'eq', 0))
        context.vars['missing'] = l_0_missing
        context.exported_vars.add('missing')
        if (undefined(name='missing') if l_0_missing is missing else l_0_missing):
            pass
            yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), 'The level is the lowest because {count} blocker is not done at all: no score outweighs a blocker.', 'The level is the lowest because {count} blockers are not done at all: no score outweighs a blocker.', t_9((undefined(name='missing') if l_0_missing is missing else l_0_missing))), 'format'), count=t_9((undefined(name='missing') if l_0_missing is missing else l_0_missing)))))
            yield '\n'
        else:
            pass
            yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} blocker is only partly done, which caps the level at {level}.', '{count} blockers are only partly done, which caps the level at {level}.', t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'))), 'format'), count=t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers')), level=environment.getattr(environment.getattr(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'bank'), 'capped_level'), 'shown'))))
            yield '\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'):
        pass
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} applicable question is still unanswered; an unanswered check scores 0.', '{count} applicable questions are still unanswered; an unanswered check scores 0.', t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'))), 'format'), count=t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered')))))
        yield '\n'
    yield '</p>\n<table>\n<thead><tr><th>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Level')))
    yield '</th><th class="n">'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score at least')))
    yield '</th><th></th></tr></thead>\n<tbody>\n'
    for l_1_level in environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'levels'):
        _loop_vars = {}
        pass
        yield '<tr><td>'
        yield escape(environment.finalize(environment.getattr(l_1_level, 'shown')))
        yield '</td><td class="n">'
        yield escape(environment.finalize(environment.getattr(l_1_level, 'min')))
        yield '</td><td>'
        yield escape(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), '◀ this review', _loop_vars=_loop_vars) if (l_1_level == environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'level')) else cond_expr_undefined("the inline if-expression on line 154 in 'report.html.j2' evaluated to false and no else section was defined."))))
        yield '</td></tr>\n'
    l_1_level = missing
    yield '</tbody>\n</table>\n</section>\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'profile'):
        pass
        yield '\n<section id="profile">\n<h2>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'System profile')))
        yield '</h2>\n<table>\n<thead><tr><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Question')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer')))
        yield '</th></tr></thead>\n<tbody>\n'
        for l_1_question in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'profile'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.finalize(environment.getattr(l_1_question, 'prompt')))
            yield '</td><td>'
            yield escape(environment.finalize(t_1(l_1_question, context.call(environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'get'), environment.getattr(l_1_question, 'id'), _loop_vars=_loop_vars))))
            yield '</td></tr>\n'
        l_1_question = missing
        yield '</tbody>\n</table>\n</section>\n'
    yield '\n<section id="plan">\n<h2>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Action plan')))
    yield '</h2>\n'
    if (undefined(name='plan') if l_0_plan is missing else l_0_plan):
        pass
        yield '<p>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Every gap, by severity and due date.')))
        yield '</p>\n<table>\n<thead><tr><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Severity')))
        yield '</th><th class="n">'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Owner')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Due')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Ticket')))
        yield '</th></tr></thead>\n<tbody>\n'
        for l_1_item in (undefined(name='plan') if l_0_plan is missing else l_0_plan):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.finalize(t_5(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'gap'), 'question'), 'id'))))
            yield escape(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), ' (waived)', _loop_vars=_loop_vars) if environment.getattr(environment.getattr(l_1_item, 'gap'), 'waived') else cond_expr_undefined("the inline if-expression on line 182 in 'report.html.j2' evaluated to false and no else section was defined."))))
            yield '</td><td class="'
            yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'gap'), 'severity'), 'value')))
            yield '">'
            yield escape(environment.finalize(t_18(environment.getattr(environment.getattr(l_1_item, 'gap'), 'severity'))))
            yield '</td><td class="n">'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'gap'), 'score')))
            yield '</td><td>'
            yield escape(environment.finalize((environment.getattr(environment.getattr(l_1_item, 'action'), 'owner') if (environment.getattr(l_1_item, 'action') and environment.getattr(environment.getattr(l_1_item, 'action'), 'owner')) else cond_expr_undefined("the inline if-expression on line 182 in 'report.html.j2' evaluated to false and no else section was defined."))))
            yield '</td><td>'
            yield escape(environment.finalize((environment.getattr(l_1_item, 'due') or '')))
            if environment.getattr(l_1_item, 'overdue'):
                pass
                yield ' <span class="overdue">'
                yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'overdue', _loop_vars=_loop_vars)))
                yield '</span>'
            yield '</td><td>'
            yield escape(environment.finalize((t_16(environment.getattr(environment.getattr(l_1_item, 'action'), 'ticket')) if (environment.getattr(l_1_item, 'action') and environment.getattr(environment.getattr(l_1_item, 'action'), 'ticket')) else cond_expr_undefined("the inline if-expression on line 182 in 'report.html.j2' evaluated to false and no else section was defined."))))
            yield '</td></tr>\n'
        l_1_item = missing
        yield '</tbody>\n</table>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No gap.')))
        yield '</p>\n'
    yield '</section>\n\n<section id="gaps">\n<h2>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Blockers')))
    yield '</h2>\n'
    t_20 = 1
    for l_1_gap in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'):
        _loop_vars = {}
        pass
        template = environment.get_template('gap.html.j2', 'report.html.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'gap': l_1_gap, 'answers': l_0_answers, 'missing': l_0_missing, 'overdue': l_0_overdue, 'profile_chart': l_0_profile_chart}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        t_20 = 0
    l_1_gap = missing
    if t_20:
        pass
        yield '<p>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No blocker is open.')))
        yield '</p>\n'
    for l_1_severity in [environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MAJOR'), environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MINOR')]:
        l_1_gaps = missing
        _loop_vars = {}
        pass
        l_1_gaps = context.call(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'gaps_of'), l_1_severity, _loop_vars=_loop_vars)
        _loop_vars['gaps'] = l_1_gaps
        if (undefined(name='gaps') if l_1_gaps is missing else l_1_gaps):
            pass
            yield '<h2>'
            yield escape(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Major gaps', _loop_vars=_loop_vars) if (l_1_severity == environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MAJOR')) else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Minor gaps', _loop_vars=_loop_vars))))
            yield '</h2>\n'
            for l_2_gap in (undefined(name='gaps') if l_1_gaps is missing else l_1_gaps):
                _loop_vars = {}
                pass
                template = environment.get_template('gap.html.j2', 'report.html.j2')
                gen = template.root_render_func(template.new_context(context.get_all(), True, {'gap': l_2_gap, 'gaps': l_1_gaps, 'severity': l_1_severity, 'answers': l_0_answers, 'missing': l_0_missing, 'overdue': l_0_overdue, 'profile_chart': l_0_profile_chart}))
                try:
                    for event in gen:
                        yield event
                finally: gen.close()
            l_2_gap = missing
    l_1_severity = l_1_gaps = missing
    yield '</section>\n'
    if (undefined(name='contradicted') if l_0_contradicted is missing else l_0_contradicted):
        pass
        yield '\n<section id="contradicted">\n<h2>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Contradicted answers')))
        yield '</h2>\n<p>'
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The repository shows nothing of what these answers claim. Name where the evidence is (the answer's {evidence}), record why the repository cannot show it ({not_detected}), or correct the answer."), 'format'), evidence=Markup('<code>evidence</code>'), not_detected=Markup('<code>not_detected</code>'))))
        yield '</p>\n<ul>\n'
        for l_1_question in (undefined(name='contradicted') if l_0_contradicted is missing else l_0_contradicted):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.finalize(t_5(environment.getattr(l_1_question, 'id'))))
            yield ' '
            yield escape(environment.finalize(environment.getattr(l_1_question, 'prompt')))
            yield ' '
            yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer: {answer}.', _loop_vars=_loop_vars), 'format'), answer=t_1(l_1_question, context.call(environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'get'), environment.getattr(l_1_question, 'id'), _loop_vars=_loop_vars)), _loop_vars=_loop_vars)))
            yield '\n<ul>\n'
            for l_2_line in t_7(environment.getitem((undefined(name='evidence') if l_0_evidence is missing else l_0_evidence), environment.getattr(l_1_question, 'id'))):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.finalize(l_2_line))
                yield '</li>\n'
            l_2_line = missing
            yield '</ul>\n</li>\n'
        l_1_question = missing
        yield '</ul>\n</section>\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'waived'):
        pass
        yield '\n<section id="waived">\n<h2>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Waived gaps')))
        yield '</h2>\n<p>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'These gaps are accepted for now: they are scored as answered, but do not fail the gate.')))
        yield '</p>\n<table>\n<thead><tr><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Severity')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Reason')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Approved by')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Until')))
        yield '</th></tr></thead>\n<tbody>\n'
        for l_1_gap in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'waived'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.finalize(t_5(environment.getattr(environment.getattr(l_1_gap, 'question'), 'id'))))
            yield ' '
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_gap, 'question'), 'prompt')))
            yield '</td><td>'
            yield escape(environment.finalize(t_18(environment.getattr(l_1_gap, 'severity'))))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'reason')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'approved_by')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'expires')))
            if (l_1_gap in (undefined(name='expiring') if l_0_expiring is missing else l_0_expiring)):
                pass
                yield ' <strong>'
                yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '(expiring soon)', _loop_vars=_loop_vars)))
                yield '</strong>'
            yield '</td></tr>\n'
        l_1_gap = missing
        yield '</tbody>\n</table>\n</section>\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'expired_waivers'):
        pass
        yield '\n<section id="expired">\n<h2>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Expired waivers')))
        yield '</h2>\n<ul>\n'
        for l_1_gap in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'expired_waivers'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{check}: the waiver ({reason}) expired on {date}; the gap counts again.', _loop_vars=_loop_vars), 'format'), check=t_5(environment.getattr(environment.getattr(l_1_gap, 'question'), 'id')), reason=environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'reason'), date=environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'expires'), _loop_vars=_loop_vars)))
            yield '</li>\n'
        l_1_gap = missing
        yield '</ul>\n</section>\n'
    yield '\n<section id="signoff">\n<h2>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sign-off')))
    yield '</h2>\n'
    if (undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs):
        pass
        yield '<table>\n<thead><tr><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Name')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Role')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Date')))
        yield '</th><th>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Status')))
        yield '</th></tr></thead>\n<tbody>\n'
        for l_1_state in (undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'name')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'role')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'date')))
            yield '</td><td class="'
            yield escape(environment.finalize(('status-current' if environment.getattr(l_1_state, 'current') else 'status-stale')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_state, 'status')))
            yield '</td></tr>\n'
        l_1_state = missing
        yield '</tbody>\n</table>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No sign-off is recorded ({command}).'), 'format'), command=Markup('<code>mlready sign --name NAME --role ROLE</code>'))))
        yield '</p>\n'
    yield '</section>\n\n<section id="appendix">\n<h2>'
    yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Appendix')))
    yield '</h2>\n<details>\n<summary>'
    yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answered checks ({count})'), 'format'), count=t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'answered_checks')))))
    yield '</summary>\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'answered_checks'):
        pass
        yield '<table>\n'
        if (undefined(name='evidence') if l_0_evidence is missing else l_0_evidence):
            pass
            yield '<thead><tr><th>'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
            yield '</th><th>'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Area')))
            yield '</th><th>'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer')))
            yield '</th><th class="n">'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score')))
            yield '</th><th>'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Evidence')))
            yield '</th></tr></thead>\n<tbody>\n'
            yield escape(environment.finalize(t_4(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'answered_checks'), (undefined(name='card') if l_0_card is missing else l_0_card), (undefined(name='evidence') if l_0_evidence is missing else l_0_evidence))))
            yield '\n'
        else:
            pass
            yield '<thead><tr><th>'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
            yield '</th><th>'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Area')))
            yield '</th><th>'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer')))
            yield '</th><th class="n">'
            yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score')))
            yield '</th></tr></thead>\n<tbody>\n'
            yield escape(environment.finalize(t_4(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'answered_checks'), (undefined(name='card') if l_0_card is missing else l_0_card))))
            yield '\n'
        yield '</tbody>\n</table>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No check is answered yet.')))
        yield '</p>\n'
    yield '</details>\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'not_applicable'):
        pass
        yield '<details>\n<summary>'
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Not applicable ({count})'), 'format'), count=t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'not_applicable')))))
        yield '</summary>\n<ul>\n'
        for l_1_question in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'not_applicable'):
            _loop_vars = {}
            pass
            yield '<li><strong>'
            yield escape(environment.finalize(environment.getattr(l_1_question, 'prompt')))
            yield '</strong> ('
            yield escape(environment.finalize(t_5(environment.getattr(l_1_question, 'id'))))
            yield '): <span class="note">'
            yield escape(environment.finalize(environment.getattr(context.call(environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'get'), environment.getattr(l_1_question, 'id'), _loop_vars=_loop_vars), 'note')))
            yield '</span></li>\n'
        l_1_question = missing
        yield '</ul>\n</details>\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'):
        pass
        yield '<details>\n<summary>'
        yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Unanswered ({count})'), 'format'), count=t_9(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered')))))
        yield '</summary>\n<ul>\n'
        for l_1_question in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.finalize(environment.getattr(l_1_question, 'prompt')))
            yield ' ('
            yield escape(environment.finalize(t_5(environment.getattr(l_1_question, 'id'))))
            yield ')</li>\n'
        l_1_question = missing
        yield '</ul>\n</details>\n'
    yield '</section>\n</main>\n<footer>\n<p><small>'
    yield escape(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Generated by mlready from {source}; edit that file, not this one.'), 'format'), source=environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'source'))))
    yield '</small></p>\n</footer>\n</body>\n</html>\n'

blocks = {}
debug_info = '1=138&2=141&4=145&9=147&13=149&47=151&62=155&65=157&66=160&68=164&69=167&71=172&72=176&73=182&76=186&77=189&82=192&83=194&84=198&85=201&88=204&89=214&90=225&91=228&93=233&94=236&96=247&97=250&99=260&101=285&102=287&104=290&106=299&107=303&112=327&117=330&119=332&120=336&121=339&122=342&125=347&126=350&129=355&131=363&132=367&136=381&137=383&138=385&139=387&140=390&141=392&143=396&146=398&147=400&151=403&153=407&154=411&159=419&162=422&164=424&166=428&167=432&175=439&176=441&177=444&179=446&181=458&182=462&187=487&192=490&193=493&194=496&196=507&198=509&199=513&200=515&201=518&202=520&203=523&208=532&211=535&212=537&214=539&215=543&217=549&218=553&226=559&229=562&230=564&232=566&234=576&235=580&241=599&244=602&246=604&247=608&254=613&255=615&257=618&259=626&260=630&265=645&270=648&272=650&273=652&275=655&276=658&278=668&280=673&282=681&287=687&290=690&292=693&294=695&295=699&300=707&302=710&304=712&305=716&313=723'
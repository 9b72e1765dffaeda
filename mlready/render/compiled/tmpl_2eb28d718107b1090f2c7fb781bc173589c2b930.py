from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_card = resolve('card')
    l_0__ = resolve('_')
    l_0_project = resolve('project')
    l_0_bank = resolve('bank')
    l_0_change = resolve('change')
    l_0_trend = resolve('trend')
    l_0_plan = resolve('plan')
    l_0_Severity = resolve('Severity')
    l_0_ngettext = resolve('ngettext')
    l_0_expiring = resolve('expiring')
    l_0_evidence = resolve('evidence')
    l_0_evidence_counts = resolve('evidence_counts')
    l_0_contradicted = resolve('contradicted')
    l_0_signoffs = resolve('signoffs')
    l_0_top_actions = resolve('top_actions')
    l_0_missing = resolve('missing')
    l_0_answers = l_0_overdue = l_0_answered = missing
    try:
        t_1 = environment.filters['answer']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'answer' found.")
    try:
        t_2 = environment.filters['bar']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'bar' found.")
    try:
        t_3 = environment.filters['cell']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'cell' found.")
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
        t_6 = environment.filters['evidence_lines']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'evidence_lines' found.")
    try:
        t_7 = environment.filters['joined']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'joined' found.")
    try:
        t_8 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_9 = environment.filters['level_shown']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'level_shown' found.")
    try:
        t_10 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_11 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_12 = environment.filters['score']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'score' found.")
    try:
        t_13 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_14 = environment.filters['sparkline']
    except KeyError:
        @internalcode
        def t_14(*unused):
            raise TemplateRuntimeError("No filter named 'sparkline' found.")
    try:
        t_15 = environment.filters['ticket']
    except KeyError:
        @internalcode
        def t_15(*unused):
            raise TemplateRuntimeError("No filter named 'ticket' found.")
    try:
        t_16 = environment.filters['words']
    except KeyError:
        @internalcode
        def t_16(*unused):
            raise TemplateRuntimeError("No filter named 'words' found.")
    pass
    l_0_answers = environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'answers')
    context.vars['answers'] = l_0_answers
    context.exported_vars.add('answers')
    yield '# '
    yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Readiness review: {name}'), 'format'), name=(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'name') or environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'display_title')))))
    yield '\n\n| | |\n| --- | --- |\n'
    if environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'name'):
        pass
        yield '| '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Project')))
        yield ' | '
        yield str(environment.finalize(t_3(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'name'))))
        yield ' |\n'
    if environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'owner'):
        pass
        yield '| '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Owner')))
        yield ' | '
        yield str(environment.finalize(t_3(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'owner'))))
        yield ' |\n'
    yield '| '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Reviewed')))
    yield ' | '
    yield str(environment.finalize((environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'reviewed') or context.call((undefined(name='_') if l_0__ is missing else l_0__), 'not recorded'))))
    yield ' |\n| '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Question bank')))
    yield ' | '
    yield str(environment.finalize(t_3(environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'display_title'))))
    yield ' ('
    yield str(environment.finalize(t_3(environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'ref'))))
    yield ') |\n| '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answers file')))
    yield ' | '
    yield str(environment.finalize(t_3(environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'source'))))
    yield ' |\n'
    if environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'intro'):
        pass
        yield '\n'
        yield str(environment.finalize(environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'intro')))
        yield '\n'
    yield '\n## '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Executive summary')))
    yield '\n\n**'
    yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Level: {level}.'), 'format'), level=environment.getattr(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'level'), 'shown'))))
    yield '** '
    yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score {score} (the weakest area), mean {mean} over all checks.'), 'format'), score=t_12(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'score')), mean=t_12(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'mean')))))
    yield '\n'
    if (undefined(name='change') if l_0_change is missing else l_0_change):
        pass
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Since the previous review ({date}, commit {commit}): level {level_before} → {level_after}, score {score_before} → {score_after} ({delta}).'), 'format'), date=context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'previous'), 'date'), 'date')), commit=t_5(environment.getattr(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'previous'), 'short')), level_before=t_9(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'level_before'), (undefined(name='bank') if l_0_bank is missing else l_0_bank)), level_after=t_9(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'level_after'), (undefined(name='bank') if l_0_bank is missing else l_0_bank)), score_before=t_12(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'score_before')), score_after=t_12(environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'score_after')), delta=environment.getattr((undefined(name='change') if l_0_change is missing else l_0_change), 'delta'))))
        yield '\n'
    if (undefined(name='trend') if l_0_trend is missing else l_0_trend):
        pass
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score over time: {sparkline} ({count} points since {date}).'), 'format'), sparkline=t_5(t_14((undefined(name='trend') if l_0_trend is missing else l_0_trend))), count=t_8(environment.getattr((undefined(name='trend') if l_0_trend is missing else l_0_trend), 'points')), date=environment.getattr(environment.getitem(environment.getattr((undefined(name='trend') if l_0_trend is missing else l_0_trend), 'points'), 0), 'date'))))
        yield '\n'
    yield '\n'
    l_0_overdue = t_10(context.eval_ctx, t_13(context, (undefined(name='plan') if l_0_plan is missing else l_0_plan), 'overdue'))
    context.vars['overdue'] = l_0_overdue
    context.exported_vars.add('overdue')
    yield '- **'
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Blockers:')))
    yield '** '
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'):
        pass
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{count} open: {checks}'), 'format'), count=t_8(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers')), checks=t_7(t_11(context, t_11(context, environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'), attribute='question.id'), 'code')))))
    else:
        pass
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'none open')))
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
    yield '\n- **'
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Open gaps:')))
    yield '** '
    yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{count} ({blocker} blocker, {major} major, {minor} minor)'), 'format'), count=t_8(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'open_gaps')), blocker=t_8(context.call(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'gaps_of'), environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'BLOCKER'))), major=t_8(context.call(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'gaps_of'), environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MAJOR'))), minor=t_8(context.call(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'gaps_of'), environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MINOR'))))))
    if (undefined(name='overdue') if l_0_overdue is missing else l_0_overdue):
        pass
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '; ')))
        yield '**'
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} overdue action', '{count} overdue actions', t_8((undefined(name='overdue') if l_0_overdue is missing else l_0_overdue))), 'format'), count=t_8((undefined(name='overdue') if l_0_overdue is missing else l_0_overdue)))))
        yield '**'
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
    yield '\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'):
        pass
        yield '- **'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Unanswered:')))
        yield '** '
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} applicable question', '{count} applicable questions', t_8(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'))), 'format'), count=t_8(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered')))))
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
        yield '\n'
    if (undefined(name='expiring') if l_0_expiring is missing else l_0_expiring):
        pass
        yield '- **'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Waivers expiring soon:')))
        yield '** '
        l_1_loop = missing
        for l_1_gap, l_1_loop in LoopContext((undefined(name='expiring') if l_0_expiring is missing else l_0_expiring), undefined):
            _loop_vars = {}
            pass
            yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{check} on {date}', _loop_vars=_loop_vars), 'format'), check=t_5(environment.getattr(environment.getattr(l_1_gap, 'question'), 'id')), date=environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'expires'), _loop_vars=_loop_vars)))
            yield str(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), ', ', _loop_vars=_loop_vars) if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 37 in 'report.md.j2' evaluated to false and no else section was defined."))))
        l_1_loop = l_1_gap = missing
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
        yield '\n'
    if (undefined(name='evidence') if l_0_evidence is missing else l_0_evidence):
        pass
        yield '- **'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Evidence from the repository:')))
        yield '** '
        yield str(environment.finalize((undefined(name='evidence_counts') if l_0_evidence_counts is missing else l_0_evidence_counts)))
        if (undefined(name='contradicted') if l_0_contradicted is missing else l_0_contradicted):
            pass
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '; ')))
            yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'contradicted: {checks}'), 'format'), checks=t_7(t_11(context, t_11(context, (undefined(name='contradicted') if l_0_contradicted is missing else l_0_contradicted), attribute='id'), 'code')))))
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
        yield '\n'
    yield '- **'
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sign-off:')))
    yield '** '
    l_1_loop = missing
    t_17 = 1
    for l_1_state, l_1_loop in LoopContext((undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs), undefined):
        _loop_vars = {}
        pass
        yield str(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'name'))))
        yield ' ('
        yield str(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'role'))))
        yield '), '
        yield str(environment.finalize(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'date')))
        yield ': '
        yield str(environment.finalize(environment.getattr(l_1_state, 'status')))
        yield str(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), '; ', _loop_vars=_loop_vars) if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 42 in 'report.md.j2' evaluated to false and no else section was defined."))))
        t_17 = 0
    l_1_loop = l_1_state = missing
    if t_17:
        pass
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'none recorded')))
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
    yield '\n\n### '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'What to do first')))
    yield '\n\n'
    if (undefined(name='top_actions') if l_0_top_actions is missing else l_0_top_actions):
        pass
        yield '| # | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Severity')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Owner')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Due')))
        yield ' |\n| ---: | --- | --- | --- | --- |\n'
        l_1_loop = missing
        for l_1_item, l_1_loop in LoopContext((undefined(name='top_actions') if l_0_top_actions is missing else l_0_top_actions), undefined):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_loop, 'index')))
            yield ' | '
            yield str(environment.finalize(t_5(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'gap'), 'question'), 'id'))))
            yield ' '
            yield str(environment.finalize(t_3(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'gap'), 'question'), 'prompt'))))
            yield ' | '
            yield str(environment.finalize(t_16(environment.getattr(environment.getattr(l_1_item, 'gap'), 'severity'))))
            yield ' | '
            yield str(environment.finalize(t_3((environment.getattr(environment.getattr(l_1_item, 'action'), 'owner') if (environment.getattr(l_1_item, 'action') and environment.getattr(environment.getattr(l_1_item, 'action'), 'owner')) else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'no owner', _loop_vars=_loop_vars)))))
            yield ' | '
            yield str(environment.finalize((environment.getattr(l_1_item, 'due') or context.call((undefined(name='_') if l_0__ is missing else l_0__), 'no date', _loop_vars=_loop_vars))))
            if environment.getattr(l_1_item, 'overdue'):
                pass
                yield ' **'
                yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'overdue', _loop_vars=_loop_vars)))
                yield '**'
            yield ' |\n'
        l_1_loop = l_1_item = missing
    else:
        pass
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No open gap: nothing to do.')))
        yield '\n'
    yield '\n## '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'How the level is set')))
    yield '\n\n'
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'A system is as ready as its weakest area, so the score is the lowest area score.')))
    yield '\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'):
        pass
        l_0_missing = t_10(context.eval_ctx, t_13(context, environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'), 'score', 'eq', 0))
        context.vars['missing'] = l_0_missing
        context.exported_vars.add('missing')
        if (undefined(name='missing') if l_0_missing is missing else l_0_missing):
            pass
            yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), 'The level is the lowest because {count} blocker is not done at all: no score outweighs a blocker.', 'The level is the lowest because {count} blockers are not done at all: no score outweighs a blocker.', t_8((undefined(name='missing') if l_0_missing is missing else l_0_missing))), 'format'), count=t_8((undefined(name='missing') if l_0_missing is missing else l_0_missing)))))
            yield '\n'
        else:
            pass
            yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} blocker is only partly done, which caps the level at {level}.', '{count} blockers are only partly done, which caps the level at {level}.', t_8(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'))), 'format'), count=t_8(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers')), level=environment.getattr(environment.getattr(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'bank'), 'capped_level'), 'shown'))))
            yield '\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'):
        pass
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} applicable question is still unanswered; an unanswered check scores 0.', '{count} applicable questions are still unanswered; an unanswered check scores 0.', t_8(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'))), 'format'), count=t_8(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered')))))
        yield '\n'
    yield '\n| '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Level')))
    yield ' | '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score at least')))
    yield ' | |\n| --- | ---: | --- |\n'
    for l_1_level in environment.getattr((undefined(name='bank') if l_0_bank is missing else l_0_bank), 'levels'):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_3(environment.getattr(l_1_level, 'shown'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_level, 'min')))
        yield ' | '
        yield str(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), '◀ this review', _loop_vars=_loop_vars) if (l_1_level == environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'level')) else cond_expr_undefined("the inline if-expression on line 74 in 'report.md.j2' evaluated to false and no else section was defined."))))
        yield ' |\n'
    l_1_level = missing
    yield '\n## '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Areas')))
    yield '\n\n| '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Area')))
    yield ' | '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score')))
    yield ' | | '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answered')))
    yield ' | '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Gaps')))
    yield ' |\n| --- | ---: | --- | ---: | ---: |\n'
    for l_1_row in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'areas'):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_row, 'area'), 'title'))))
        yield ' | '
        yield str(environment.finalize(t_12(environment.getattr(l_1_row, 'score'))))
        yield ' | '
        yield str(environment.finalize(t_2(environment.getattr(l_1_row, 'score'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_row, 'answered')))
        yield '/'
        yield str(environment.finalize(environment.getattr(l_1_row, 'applicable')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_row, 'gaps')))
        yield ' |\n'
    l_1_row = missing
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'profile'):
        pass
        yield '\n## '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'System profile')))
        yield '\n\n| '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Question')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer')))
        yield ' |\n| --- | --- |\n'
        for l_1_question in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'profile'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_3(environment.getattr(l_1_question, 'prompt'))))
            yield ' | '
            yield str(environment.finalize(t_3(t_1(l_1_question, context.call(environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'get'), environment.getattr(l_1_question, 'id'), _loop_vars=_loop_vars)))))
            yield ' |\n'
        l_1_question = missing
    yield '\n## '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Action plan')))
    yield '\n\n'
    if (undefined(name='plan') if l_0_plan is missing else l_0_plan):
        pass
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Every gap, by severity and due date.')))
        yield '\n\n| '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Severity')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Owner')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Due')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Ticket')))
        yield ' |\n| --- | --- | ---: | --- | --- | --- |\n'
        for l_1_item in (undefined(name='plan') if l_0_plan is missing else l_0_plan):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_5(environment.getattr(environment.getattr(environment.getattr(l_1_item, 'gap'), 'question'), 'id'))))
            yield str(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), ' (waived)', _loop_vars=_loop_vars) if environment.getattr(environment.getattr(l_1_item, 'gap'), 'waived') else cond_expr_undefined("the inline if-expression on line 103 in 'report.md.j2' evaluated to false and no else section was defined."))))
            yield ' | '
            yield str(environment.finalize(t_16(environment.getattr(environment.getattr(l_1_item, 'gap'), 'severity'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'gap'), 'score')))
            yield ' | '
            yield str(environment.finalize(t_3((environment.getattr(environment.getattr(l_1_item, 'action'), 'owner') if (environment.getattr(l_1_item, 'action') and environment.getattr(environment.getattr(l_1_item, 'action'), 'owner')) else ''))))
            yield ' | '
            yield str(environment.finalize((environment.getattr(l_1_item, 'due') or '')))
            if environment.getattr(l_1_item, 'overdue'):
                pass
                yield ' **'
                yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'overdue', _loop_vars=_loop_vars)))
                yield '**'
            yield ' | '
            yield str(environment.finalize((t_15(environment.getattr(environment.getattr(l_1_item, 'action'), 'ticket')) if (environment.getattr(l_1_item, 'action') and environment.getattr(environment.getattr(l_1_item, 'action'), 'ticket')) else cond_expr_undefined("the inline if-expression on line 103 in 'report.md.j2' evaluated to false and no else section was defined."))))
            yield ' |\n'
        l_1_item = missing
    else:
        pass
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No gap.')))
        yield '\n'
    yield '\n## '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Blockers')))
    yield '\n\n'
    t_18 = 1
    for l_1_gap in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'blockers'):
        _loop_vars = {}
        pass
        template = environment.get_template('gap.md.j2', 'report.md.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'gap': l_1_gap, 'answered': l_0_answered, 'answers': l_0_answers, 'missing': l_0_missing, 'overdue': l_0_overdue}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '\n'
        t_18 = 0
    l_1_gap = missing
    if t_18:
        pass
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No blocker is open.')))
        yield '\n\n'
    for l_1_severity in [environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MAJOR'), environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MINOR')]:
        l_1_gaps = missing
        _loop_vars = {}
        pass
        l_1_gaps = context.call(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'gaps_of'), l_1_severity, _loop_vars=_loop_vars)
        _loop_vars['gaps'] = l_1_gaps
        if (undefined(name='gaps') if l_1_gaps is missing else l_1_gaps):
            pass
            yield '## '
            yield str(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Major gaps', _loop_vars=_loop_vars) if (l_1_severity == environment.getattr((undefined(name='Severity') if l_0_Severity is missing else l_0_Severity), 'MAJOR')) else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Minor gaps', _loop_vars=_loop_vars))))
            yield '\n\n'
            for l_2_gap in (undefined(name='gaps') if l_1_gaps is missing else l_1_gaps):
                _loop_vars = {}
                pass
                template = environment.get_template('gap.md.j2', 'report.md.j2')
                gen = template.root_render_func(template.new_context(context.get_all(), True, {'gap': l_2_gap, 'gaps': l_1_gaps, 'severity': l_1_severity, 'answered': l_0_answered, 'answers': l_0_answers, 'missing': l_0_missing, 'overdue': l_0_overdue}))
                try:
                    for event in gen:
                        yield event
                finally: gen.close()
                yield '\n'
            l_2_gap = missing
    l_1_severity = l_1_gaps = missing
    if (undefined(name='contradicted') if l_0_contradicted is missing else l_0_contradicted):
        pass
        yield '## '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Contradicted answers')))
        yield '\n\n'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), "The repository shows nothing of what these answers claim. Name where the evidence is (the\nanswer's `evidence`), record why the repository cannot show it (`not_detected`), or correct\nthe answer.")))
        yield '\n\n'
        for l_1_question in (undefined(name='contradicted') if l_0_contradicted is missing else l_0_contradicted):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(t_5(environment.getattr(l_1_question, 'id'))))
            yield ' '
            yield str(environment.finalize(environment.getattr(l_1_question, 'prompt')))
            yield ' '
            yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer: {answer}.', _loop_vars=_loop_vars), 'format'), answer=t_1(l_1_question, context.call(environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'get'), environment.getattr(l_1_question, 'id'), _loop_vars=_loop_vars)), _loop_vars=_loop_vars)))
            yield '\n'
            for l_2_line in t_6(environment.getitem((undefined(name='evidence') if l_0_evidence is missing else l_0_evidence), environment.getattr(l_1_question, 'id'))):
                _loop_vars = {}
                pass
                yield '  - '
                yield str(environment.finalize(l_2_line))
                yield '\n'
            l_2_line = missing
        l_1_question = missing
        yield '\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'waived'):
        pass
        yield '## '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Waived gaps')))
        yield '\n\n'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'These gaps are accepted for now: they are scored as answered, but do not fail the gate.')))
        yield '\n\n| '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Severity')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Reason')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Approved by')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Until')))
        yield ' |\n| --- | --- | --- | --- | --- |\n'
        for l_1_gap in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'waived'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_5(environment.getattr(environment.getattr(l_1_gap, 'question'), 'id'))))
            yield ' '
            yield str(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_gap, 'question'), 'prompt'))))
            yield ' | '
            yield str(environment.finalize(t_16(environment.getattr(l_1_gap, 'severity'))))
            yield ' | '
            yield str(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'reason'))))
            yield ' | '
            yield str(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'approved_by'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'expires')))
            yield str(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), ' (expiring soon)', _loop_vars=_loop_vars) if (l_1_gap in (undefined(name='expiring') if l_0_expiring is missing else l_0_expiring)) else cond_expr_undefined("the inline if-expression on line 150 in 'report.md.j2' evaluated to false and no else section was defined."))))
            yield ' |\n'
        l_1_gap = missing
        yield '\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'expired_waivers'):
        pass
        yield '## '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Expired waivers')))
        yield '\n\n'
        for l_1_gap in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'expired_waivers'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{check}: the waiver ({reason}) expired on {date}; the gap counts again.', _loop_vars=_loop_vars), 'format'), check=t_5(environment.getattr(environment.getattr(l_1_gap, 'question'), 'id')), reason=environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'reason'), date=environment.getattr(environment.getattr(l_1_gap, 'waiver'), 'expires'), _loop_vars=_loop_vars)))
            yield '\n'
        l_1_gap = missing
        yield '\n'
    yield '## '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sign-off')))
    yield '\n\n'
    if (undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs):
        pass
        yield '| '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Name')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Role')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Date')))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Status')))
        yield ' |\n| --- | --- | --- | --- |\n'
        for l_1_state in (undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'name'))))
            yield ' | '
            yield str(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'role'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_state, 'signoff'), 'date')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_state, 'status')))
            yield ' |\n'
        l_1_state = missing
    else:
        pass
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No sign-off is recorded ({command}).'), 'format'), command=Markup('`mlready sign --name NAME --role ROLE`'))))
        yield '\n'
    yield '\n## '
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Appendix: answered checks')))
    yield '\n\n'
    l_0_answered = environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'answered_checks')
    context.vars['answered'] = l_0_answered
    context.exported_vars.add('answered')
    if (undefined(name='answered') if l_0_answered is missing else l_0_answered):
        pass
        if (undefined(name='evidence') if l_0_evidence is missing else l_0_evidence):
            pass
            yield '| '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
            yield ' | '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Area')))
            yield ' | '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer')))
            yield ' | '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score')))
            yield ' | '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Evidence')))
            yield ' |\n| --- | --- | --- | ---: | --- |\n'
            yield str(environment.finalize(t_4((undefined(name='answered') if l_0_answered is missing else l_0_answered), (undefined(name='card') if l_0_card is missing else l_0_card), (undefined(name='evidence') if l_0_evidence is missing else l_0_evidence))))
            yield '\n'
        else:
            pass
            yield '| '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Check')))
            yield ' | '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Area')))
            yield ' | '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer')))
            yield ' | '
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Score')))
            yield ' |\n| --- | --- | --- | ---: |\n'
            yield str(environment.finalize(t_4((undefined(name='answered') if l_0_answered is missing else l_0_answered), (undefined(name='card') if l_0_card is missing else l_0_card))))
            yield '\n'
    else:
        pass
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No check is answered yet.')))
        yield '\n'
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'not_applicable'):
        pass
        yield '\n## '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Not applicable')))
        yield '\n\n'
        for l_1_question in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'not_applicable'):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_question, 'prompt')))
            yield '** ('
            yield str(environment.finalize(environment.getattr(l_1_question, 'id')))
            yield '): '
            yield str(environment.finalize(environment.getattr(context.call(environment.getattr((undefined(name='answers') if l_0_answers is missing else l_0_answers), 'get'), environment.getattr(l_1_question, 'id'), _loop_vars=_loop_vars), 'note')))
            yield '\n'
        l_1_question = missing
    if environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'):
        pass
        yield '\n## '
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Unanswered')))
        yield '\n\n'
        for l_1_question in environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'unanswered'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_question, 'prompt')))
            yield ' ('
            yield str(environment.finalize(environment.getattr(l_1_question, 'id')))
            yield ')\n'
        l_1_question = missing

blocks = {}
debug_info = '1=124&2=128&6=130&7=133&9=137&10=140&12=145&13=149&14=155&15=159&17=162&20=165&22=167&23=171&24=173&26=175&27=177&30=180&31=184&32=194&33=205&34=208&36=213&37=216&39=227&40=230&42=240&44=262&46=264&47=267&49=276&50=280&53=300&56=303&58=305&59=307&60=309&61=312&62=314&64=318&67=320&68=322&71=325&73=329&74=333&77=341&79=343&81=351&82=355&84=368&86=371&88=373&90=377&91=381&95=387&97=389&98=391&100=393&102=405&103=409&106=430&109=433&111=436&112=439&115=450&118=452&119=456&120=458&121=461&123=463&124=466&129=475&130=478&132=480&134=482&135=486&136=492&137=496&142=501&143=504&145=506&147=508&149=518&150=522&154=537&155=540&157=542&158=546&162=551&164=553&165=556&167=564&168=568&171=579&174=582&176=584&177=587&178=589&179=592&181=602&183=607&185=615&188=619&190=621&192=624&194=626&195=630&198=637&200=640&202=642&203=646'
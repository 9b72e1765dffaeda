from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'gap.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_card = resolve('card')
    l_0_gap = resolve('gap')
    l_0__ = resolve('_')
    l_0_evidence = resolve('evidence')
    l_0_planned = resolve('planned')
    l_0_entry = l_0_found = l_0_lines = l_0_item = missing
    try:
        t_1 = environment.filters['answer']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'answer' found.")
    try:
        t_2 = environment.filters['cell']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'cell' found.")
    try:
        t_3 = environment.filters['code']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'code' found.")
    try:
        t_4 = environment.filters['evidence_lines']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'evidence_lines' found.")
    try:
        t_5 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_6 = environment.filters['link']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'link' found.")
    try:
        t_7 = environment.filters['ticket']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'ticket' found.")
    try:
        t_8 = environment.filters['words']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'words' found.")
    pass
    l_0_entry = context.call(environment.getattr(environment.getattr((undefined(name='card') if l_0_card is missing else l_0_card), 'answers'), 'get'), environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'id'))
    context.vars['entry'] = l_0_entry
    context.exported_vars.add('entry')
    yield '### '
    yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'prompt')))
    yield '\n\n'
    yield str(environment.finalize(t_3(environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'id'))))
    yield ' · '
    yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'area'), 'title')))
    yield ' · '
    yield str(environment.finalize(t_8(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'severity'))))
    yield ' · '
    yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'answer: {answer} (score {score})'), 'format'), answer=t_1(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), (undefined(name='entry') if l_0_entry is missing else l_0_entry)), score=environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'score'))))
    yield '\n\n- **'
    yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Why it matters:')))
    yield '** '
    yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'why')))
    yield '\n'
    if environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'fix'):
        pass
        yield '- **'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Next step:')))
        yield '** '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'fix')))
        yield '\n'
    if ((undefined(name='entry') if l_0_entry is missing else l_0_entry) and environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'note')):
        pass
        yield '- **'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Note:')))
        yield '** '
        yield str(environment.finalize(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'note')))
        yield '\n'
    if ((undefined(name='entry') if l_0_entry is missing else l_0_entry) and environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'evidence')):
        pass
        yield '- **'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Evidence:')))
        yield '** '
        l_1_loop = missing
        for l_1_item, l_1_loop in LoopContext(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'evidence'), undefined):
            _loop_vars = {}
            pass
            yield str(environment.finalize(t_6(l_1_item)))
            yield str(environment.finalize((context.call((undefined(name='_') if l_0__ is missing else l_0__), ', ', _loop_vars=_loop_vars) if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 14 in 'gap.md.j2' evaluated to false and no else section was defined."))))
        l_1_loop = l_1_item = missing
        yield '\n'
    l_0_found = context.call(environment.getattr((undefined(name='evidence') if l_0_evidence is missing else l_0_evidence), 'get'), environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'id'))
    context.vars['found'] = l_0_found
    context.exported_vars.add('found')
    l_0_lines = (t_4((undefined(name='found') if l_0_found is missing else l_0_found)) if (undefined(name='found') if l_0_found is missing else l_0_found) else [])
    context.vars['lines'] = l_0_lines
    context.exported_vars.add('lines')
    if ((undefined(name='lines') if l_0_lines is missing else l_0_lines) and environment.getattr((undefined(name='found') if l_0_found is missing else l_0_found), 'suggested')):
        pass
        yield '- **'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The repository suggests:')))
        yield '** '
        yield str(environment.finalize(environment.getattr(context.call(environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'option'), environment.getattr((undefined(name='found') if l_0_found is missing else l_0_found), 'suggested')), 'display')))
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), '.')))
        yield ' '
        yield str(environment.finalize(t_5(context.eval_ctx, (undefined(name='lines') if l_0_lines is missing else l_0_lines), '; ')))
        yield '\n\n'
    elif (undefined(name='lines') if l_0_lines is missing else l_0_lines):
        pass
        yield '- **'
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The repository ({state}):'), 'format'), state=t_8(environment.getattr((undefined(name='found') if l_0_found is missing else l_0_found), 'state')))))
        yield '** '
        yield str(environment.finalize(t_5(context.eval_ctx, (undefined(name='lines') if l_0_lines is missing else l_0_lines), '; ')))
        yield '\n\n'
    l_0_item = environment.getitem((undefined(name='planned') if l_0_planned is missing else l_0_planned), environment.getattr(environment.getattr((undefined(name='gap') if l_0_gap is missing else l_0_gap), 'question'), 'id'))
    context.vars['item'] = l_0_item
    context.exported_vars.add('item')
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'action'):
        pass
        yield '- **'
        yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Action:')))
        yield '** '
        yield str(environment.finalize(t_2((environment.getattr(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'action'), 'owner') or context.call((undefined(name='_') if l_0__ is missing else l_0__), 'no owner')))))
        yield ' · '
        yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'due {date}'), 'format'), date=(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'due') or context.call((undefined(name='_') if l_0__ is missing else l_0__), 'not set')))))
        if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'overdue'):
            pass
            yield ' (**'
            yield str(environment.finalize(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'overdue')))
            yield '**)'
        if environment.getattr(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'action'), 'ticket'):
            pass
            yield ' · '
            yield str(environment.finalize(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'ticket {ticket}'), 'format'), ticket=t_7(environment.getattr(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'action'), 'ticket')))))
        yield '\n'

blocks = {}
debug_info = '1=65&2=69&4=71&6=79&7=83&8=86&10=90&11=93&13=97&14=100&17=110&18=113&19=116&20=119&22=126&23=129&26=133&27=136&28=139'
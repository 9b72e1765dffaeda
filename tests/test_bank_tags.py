"""The built-in bank's framework tags: well formed, naming real items, and none a catch-all."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from mlready.core.kinds import is_scored
from mlready.core.model import Bank, Question
from mlready.io.bank_file import load_bank

# One form per framework the bank maps to (the header comment of checklists/default.yaml).
FORMS = {
    "mlts-": r"mlts-(data|model|infra|monitor)-[1-7]",
    "deon-": r"deon-[a-e][1-5]",
    "nist-": r"nist-(govern|map|measure|manage)-[1-6]\.[1-9][0-9]?",
    "euaia-": r"euaia-art[1-9][0-9]{0,2}",
    "iso42001-": r"iso42001-a\.[1-9][0-9]?(\.[1-9][0-9]?){1,2}",
}

# ISO/IEC 42001:2023, Annex A: its 38 controls.
ANNEX_A = {
    "a.2.2": "AI policy",
    "a.2.3": "Alignment with other organizational policies",
    "a.2.4": "Review of the AI policy",
    "a.3.2": "AI roles and responsibilities",
    "a.3.3": "Reporting of concerns",
    "a.4.2": "Resource documentation",
    "a.4.3": "Data resources",
    "a.4.4": "Tooling resources",
    "a.4.5": "System and computing resources",
    "a.4.6": "Human resources",
    "a.5.2": "AI system impact assessment process",
    "a.5.3": "Documentation of AI system impact assessments",
    "a.5.4": "Assessing AI system impact on individuals or groups of individuals",
    "a.5.5": "Assessing societal impacts of AI systems",
    "a.6.1.2": "Objectives for responsible development of AI system",
    "a.6.1.3": "Processes for responsible AI system design and development",
    "a.6.2.2": "AI system requirements and specification",
    "a.6.2.3": "Documentation of AI system design and development",
    "a.6.2.4": "AI system verification and validation",
    "a.6.2.5": "AI system deployment",
    "a.6.2.6": "AI system operation and monitoring",
    "a.6.2.7": "AI system technical documentation",
    "a.6.2.8": "AI system recording of event logs",
    "a.7.2": "Data for development and enhancement of AI system",
    "a.7.3": "Acquisition of data",
    "a.7.4": "Quality of data for AI systems",
    "a.7.5": "Data provenance",
    "a.7.6": "Data preparation",
    "a.8.2": "System documentation and information for users",
    "a.8.3": "External reporting",
    "a.8.4": "Communication of incidents",
    "a.8.5": "Information for interested parties",
    "a.9.2": "Processes for responsible use of AI systems",
    "a.9.3": "Objectives for responsible use of AI system",
    "a.9.4": "Intended use of the AI system",
    "a.10.2": "Allocating responsibilities",
    "a.10.3": "Suppliers",
    "a.10.4": "Customers",
}

# Regulation (EU) 2024/1689 has 113 articles.
EU_AI_ACT_ARTICLES = 113

# An article or subcategory tagged on more than one check in thirteen stands for a theme, not
# for what it requires (Art. 15 on every security and quality practice once tagged 33 of 221
# checks, MEASURE 2.5 29, and later MEASURE 2.7 27 of 262 on controls it only evaluates).
CATCH_ALL_SHARE = 0.08

# Practices that no item of the five frameworks asks for as such: process steps, and engineering
# controls whose item would be an evaluation (NIST MEASURE) or a test of parity (ML Test Score
# Monitor 3) that the control itself is not.
UNTAGGED = {
    # Operations and security controls no item of the five names as such: backup with tested
    # restore and recovery objectives; an agent's own short-lived credentials; regurgitation of
    # copyrighted material (GOVERN 6.1 is a policy for third parties' rights, not a test).
    "serving.recovery",
    "serving.recovery_objectives",
    "framework.agent_credentials",
    "framework.agent_peer_messages",  # trust in other agents: a control MEASURE 2.7 would test
    "training.output_regurgitation",
    # GDPR notice and objection for training data (Arts 13, 14, 21): data protection law, which
    # no item of the five asks for as such (deon A.1 asks for consent, a nearby theme).
    "data.training_notice",
    "serving.profiling_objection",  # the same right (Art. 21) where the scores are used
    # US state privacy laws and the EU Platform Work Directive: law outside the five.
    "serving.us_profiling_opt_out",
    "serving.platform_work_duties",
    "preprocessing.text_casing",
    "preprocessing.text_vocabulary",
    "preprocessing.chunking_evaluated",
    "framework.selection",
    "framework.target_prototype",
    "training.job_tooling",
    "training.standard_setup",
    "training.checkpoints",
    "training.preemption_resume",
    "training.parallel_equivalence",
    "serving.api_contract",
    "serving.release_automation",
    # Training and serving kept alike by construction (shared artefacts, same code): Monitor 3
    # tests or monitors skew (preprocessing.parity, monitoring.skew carry it).
    "preprocessing.artefacts_versioned",
    "preprocessing.text_tokenizer",
    "preprocessing.image_geometry",
    "preprocessing.image_normalisation",
    "preprocessing.audio_format",
    "preprocessing.index_versioned",
    # Version pins: what they keep alike no item asks for; MANAGE 3.2 monitors pre-trained models.
    "preprocessing.pretrained_pinned",
    "framework.prompt_model_pinned",
    "serving.provider_pinned",
    # Defined behaviours and engineering controls: MEASURE 2.5-2.8 evaluate, these implement.
    "preprocessing.context_budget",
    "serving.output_format",
    "serving.suggestion_filter",
    "serving.human_handoff",
    "serving.citations",
    "serving.agent_idempotent",
    "serving.agent_tool_arguments",
    "serving.unknown_category",
    "serving.usage_limits",
    "serving.queue_idempotent",
    "serving.batch_output_checks",  # a check before publication, not Monitor 7's live quality
    "serving.stream_order",
    "serving.device_offline",
    "monitoring.samples_kept",
    # Budgets: cost control and a fit to a device, not documenting resources or requirements.
    "training.compute_budget",
    "monitoring.cost_budget",
    "serving.device_budget",
    # Service capacity and speed on a device: MEASURE 2.3 and 2.5 assess the model's
    # performance and validity, not throughput under load or latency on a phone.
    "serving.load_test",
    "serving.device_latency",
    # A time split without look-ahead is experimental design; MAP 2.3 documents the system's
    # scientific integrity and TEVV considerations, not a leakage control as such.
    "preprocessing.timeseries_lookahead",
    # Legal duties met for one system: GOVERN 1.1 is the organisation knowing and documenting its
    # duties (framework.risk_classification), and these duties are in none of the five frameworks.
    "framework.cn_service_filing",
    "serving.co_admt_duties",
    "serving.co_adverse_explanation",
    "serving.cra_reporting",
    "serving.kr_transparency",
    "monitoring.liability_evidence",
    "framework.automated_decisions",
    "serving.cn_content_labels",
    "serving.dsa_minors",
    "serving.ad_transparency",
    "serving.provider_residency",
    "data.correction",  # rectification is data protection law; MEASURE 3.3 is appeal and report
    "data.subject_access",  # a person's access (GDPR Art. 15) is data protection law too
    "monitoring.log_redaction",  # a privacy control: B.1 is security, B.3 data.retention
    # The Cyber Resilience Act's and Colorado's duties: law outside the five frameworks.
    "framework.cra_security_requirements",
    "serving.cra_vulnerability_handling",
    "framework.co_developer_documentation",
    # Processor contracts and transfers (GDPR Art. 28, Chapter V) and the US state and city
    # duties to tell people (NYC Local Law 144, California's CCPA rules, Illinois' rights act).
    "data.processors",
    "data.transfers",
    "serving.nyc_candidate_notice",
    "serving.ca_admt_duties",
    "serving.ca_admt_opt_out",
    "serving.il_employment_notice",
    # Texas', California's, the EAA's and HIPAA's duties: law outside the five frameworks
    # (California's marking duty is Art. 50's kin, but a state's law, not the Act's article).
    "framework.tx_traiga_record",
    "framework.frontier_transparency",
    "data.ca_training_data_disclosure",
    "data.hipaa_business_associates",
    "serving.ca_companion_duties",
    "serving.accessibility",
    "serving.ca_ai_detection",
    # The EU and US consumer credit rules on the data a creditworthiness assessment may use and
    # the notice of an adverse action.
    "data.ccd2_credit_data",
    "serving.adverse_action_notice",
    # Controls that no item names: MANAGE 1.3 and 2.4, B.1 and E.4 ask for something else (a
    # response to a prioritised risk, switching the system off, a data security plan, finding
    # unintended uses), and the MEASURE items evaluate what these implement.
    "serving.vulnerable_users",
    "serving.minor_protection",  # age assurance: DSA and state law, in none of the five
    "serving.change_segregation",  # segregation of duties: A.6.2.5 is the deployment plan
    "serving.agent_limits",
    "serving.content_filters",
    "serving.endpoint_auth",
    "framework.agent_least_privilege",
    "framework.agent_sandbox",
    "serving.generated_code_security",  # analysis and a sandbox; MEASURE 2.7 evaluates security
    "preprocessing.prompt_secrets",
    "framework.secrets",  # credential hygiene; B.1's homes are encryption and access control
    "serving.provider_quota",
    "serving.provider_timeouts",
    # Upkeep: MANAGE 2.2 (sustaining value) and 4.1 (the monitoring plan) are wider than these.
    "data.taxonomy_versioned",
    "preprocessing.index_freshness",
    "serving.batch_rerun",  # Infra 7 rolls back a model, not a job's output
    "preprocessing.index_deletions",  # B.2 is a person's request (data.deletion), not upkeep
    "training.retraining_automated",
    # Strict tags only (a tag says the check implements the item): narrow controls once filed under
    # a broad article or subcategory. Input-side defences against injected instructions and
    # tampering (Art. 15(5) asks for the resilience, MEASURE 2.7 for its evaluation; the tests
    # carry those tags); integrity, rate limits and exfiltration channels likewise.
    "preprocessing.document_conversion",
    "preprocessing.injection_screening",
    "framework.artefact_integrity",
    "framework.threat_model",  # a method; MEASURE 2.7 evaluates security, Art. 15 the property
    "serving.agent_memory",
    "serving.agent_customer_binding",  # access control for the agent, not B.1's data security plan
    "serving.exfiltration_limits",
    "serving.rate_limits",
    "serving.device_model_protection",
    "serving.health_check",  # a probe for a load balancer; MEASURE 2.4 monitors behaviour
    # Leakage controls and experimental design: MAP 2.3 documents TEVV considerations, Art. 10
    # and A.7.4 ask for data governance and quality requirements as a whole.
    "data.synthetic_kept_out",
    "data.label_maturity",
    "preprocessing.tabular_leakage",
    "preprocessing.point_in_time",
    "preprocessing.fit_on_train",
    "training.split",
    "training.eval_contamination",
    # Tests of code and rules, and experiment hygiene: A.6.2.4 is the system's V&V.
    "framework.rules_tested",
    "preprocessing.prompt_assembly_tests",
    "monitoring.experiment_guardrails",
    "framework.limits_first",  # serving limits only; A.6.2.2 is the system's requirements
    "monitoring.concentration",  # a DSA metric; A.5.5 is an assessment of societal impact
    "data.special_categories",  # GDPR Art. 9; Art. 10(5) is bias detection only
    # A registry of deployable versions serves tracing; GOVERN 1.6 is the organisation's inventory
    # of AI systems (training.model_inventory).
    "training.registry",
    # Removing direct write access so that changes go through the release path: an access control,
    # where A.6.2.5 is the deployment plan and its requirements met before deployment.
    "serving.release_path",
}

# Tags once given and found wrong: what each says is not what the item requires.
WRONG = [
    ("data.correction", "euaia-art10"),  # rectification is data protection law, not the Act
    ("data.usage_rights", "euaia-art10"),  # licensing is Art. 53(1)(c), for model providers
    ("framework.person_explanations", "euaia-art13"),  # Art. 13 informs deployers, Art. 86 people
    ("framework.selection", "nist-map-2.1"),  # MAP 2.1 is the task and method, not the stack
    ("training.job_tooling", "nist-manage-2.2"),
    ("training.standard_setup", "nist-govern-1.4"),  # GOVERN 1.4 is the risk policy
    ("training.independent_validation", "euaia-art17"),  # the Act asks for no independence
    ("training.evasion_tested", "mlts-model-6"),  # Model 6 is quality on slices, not robustness
    ("training.ood_uncertainty", "mlts-model-6"),
    ("data.usage_rights", "euaia-art53"),  # Art. 53 binds model providers; see gpai_copyright
    ("framework.automated_decisions", "euaia-art86"),  # the check asks for GDPR Art. 22
    ("framework.supply_chain", "euaia-art15"),  # SBOM and scanning are generic security
    ("data.lawful_basis", "nist-measure-2.10"),  # a legal duty (GOVERN 1.1), not a privacy study
    ("data.retention", "nist-measure-2.10"),  # a privacy control, not an examination of risk
    ("serving.endpoint_auth", "nist-measure-2.7"),  # a control; MEASURE 2.7 evaluates controls
    ("serving.batch_contract", "nist-govern-4.2"),
    ("framework.risk_assessment", "euaia-art27"),  # it asks about harms, not fundamental rights
    ("framework.prohibited_practices", "iso42001-a.9.4"),  # A.9.4 is use as intended
    ("monitoring.reconciliation", "euaia-art12"),  # reconciling with a ledger is not logging
    ("monitoring.record_keeping", "euaia-art12"),  # keeping logs is Art. 19 and 26(6)
    ("preprocessing.point_in_time", "mlts-monitor-3"),  # alike by construction, not tested
    ("serving.batch_output_checks", "mlts-monitor-7"),  # before publication, not live quality
    ("serving.agent_tool_arguments", "nist-measure-2.7"),  # a control, not its evaluation
    ("framework.intended_use", "euaia-art13"),  # Art. 13 is what deployers are given
    # Found only loosely right: a nearby theme of the item, not what it asks.
    ("serving.endpoint_auth", "deon-b1"),  # B.1 secures data; the endpoint serves predictions
    ("data.weak_label_noise", "deon-c2"),  # label error is bias only when systematic
    ("training.slices", "deon-c3"),  # C.3 is honest reporting; slices are Model 6
    ("data.datasheet", "deon-c5"),  # C.5 is the analysis documented and reproducible
    ("data.forbidden_inputs", "deon-d1"),  # D.1 is proxies in the model; the list is Data 4
    ("data.on_device_data", "deon-a1"),  # choosing to share is not informed consent (A.3)
    ("serving.tenant_isolation", "nist-measure-2.10"),  # a control; 2.10 examines privacy risk
    ("data.corpus_screened", "nist-measure-2.10"),
    ("serving.output_leak_filter", "nist-measure-2.10"),
    ("monitoring.harm_reports", "nist-manage-4.3"),  # MEASURE 3.3 is the exact item
    ("framework.threat_model", "euaia-art15"),  # a method; Art. 15 asks for the properties
    ("serving.vulnerable_users", "nist-manage-1.3"),  # any mitigation fitted MANAGE 1.3
    ("monitoring.experiment_guardrails", "nist-measure-2.13"),
    ("monitoring.abuse_monitoring", "nist-measure-2.7"),  # watching is E.4; 2.7 evaluates
    ("preprocessing.untrusted_text_marked", "deon-e4"),  # a security control, not misuse
    ("training.injection_tested", "deon-e4"),
    # Art. 53 binds the model's provider; a team building on the model holds what it was given.
    ("framework.provider_documentation", "euaia-art53"),
    ("training.energy_footprint", "euaia-art53"),  # Annex XI binds GPAI providers only
    ("data.subject_access", "euaia-art86"),  # Art. 86 is the deployer's explanation, not access
    ("serving.generation_switch", "euaia-art14"),  # Art. 14 is oversight of high-risk systems
    # The strict audit (a tag is what the item asks, not its theme): broad items on narrow checks.
    ("data.validation", "euaia-art10"),  # Art. 10 asks for data governance as a whole
    ("data.label_quality", "euaia-art10"),
    ("data.proxy_analysis", "euaia-art10"),
    ("data.proxy_analysis", "nist-measure-2.11"),  # 2.11 is the system's fairness results
    ("data.collection_bias", "nist-measure-2.11"),
    ("data.collection_bias", "iso42001-a.7.4"),
    ("data.label_maturity", "iso42001-a.7.4"),
    ("data.representative", "iso42001-a.7.4"),
    ("training.calibration", "nist-measure-2.11"),  # calibration is validity (MEASURE 2.5)
    ("training.group_outcomes", "iso42001-a.5.4"),  # evidence for an assessment, not one
    ("framework.dpia", "nist-map-5.1"),  # privacy only; MEASURE 2.10 is its home
    ("framework.model_terms", "iso42001-a.10.3"),
    ("framework.supply_chain", "nist-govern-6.1"),  # GOVERN 6.1 is a policy, these are controls
    ("framework.supply_chain", "iso42001-a.10.3"),  # an SBOM is security, not a supplier's ethics
    ("data.usage_rights", "nist-govern-6.1"),  # MAP 4.1 is the exact fit
    ("serving.provider_data_use", "nist-govern-6.1"),
    ("serving.ict_third_party", "nist-govern-6.2"),  # 6.2 is contingency (provider_fallback)
    ("preprocessing.untrusted_text_marked", "euaia-art15"),
    ("preprocessing.unexpected_values", "euaia-art15"),
    ("serving.rate_limits", "euaia-art15"),
    ("training.red_team", "euaia-art15"),  # MEASURE 2.7 and 1.3 are its items
    ("training.ood_uncertainty", "euaia-art15"),  # MEASURE 2.6: fail safely beyond its limits
    ("training.eval_contamination", "nist-map-2.3"),
    ("serving.input_validation", "mlts-monitor-2"),
    ("framework.threat_model", "nist-measure-2.7"),
    ("framework.limits_first", "iso42001-a.6.2.2"),
    ("training.eval_metrics", "nist-measure-2.5"),  # correctness scores are MEASURE 2.3
    ("monitoring.decommissioning", "nist-manage-2.4"),  # GOVERN 1.7 is retirement
    ("serving.ai_disclosure", "iso42001-a.8.2"),  # Art. 50 disclosure, not system documentation
    # GOVERN 1.1 is knowing the legal duties (the screening); the role is Art. 25 and A.10.2.
    ("framework.ai_act_role", "nist-govern-1.1"),
    ("monitoring.postmortems", "nist-govern-4.3"),  # a review of one incident: MANAGE 4.3
    ("data.eval_privacy", "nist-measure-2.2"),  # logged conversations; 2.2 evaluates with people
    # Security controls on suppliers' artefacts (MANAGE 3.1), not their alignment with
    # responsible AI (A.10.3), as for the supply chain.
    ("framework.trusted_sources", "iso42001-a.10.3"),
    ("framework.tool_servers", "iso42001-a.10.3"),
    ("monitoring.prediction_log", "nist-measure-2.4"),  # a log; MEASURE 2.4 watches the system
    # The strict audit of the preprocessing, training and serving areas.
    ("training.baseline", "nist-manage-2.1"),  # 2.1 weighs resources and non-AI options for risks
    # MANAGE 1.1 is the organisation's decision to proceed (framework.launch_approval): an agreed
    # bar, a release gate (Infra 4) and a site's acceptance test (MEASURE 2.3) feed it.
    ("training.success_criteria", "nist-manage-1.1"),
    ("training.site_acceptance", "nist-manage-1.1"),
    ("training.release_gate", "nist-manage-1.1"),
    ("training.slices", "nist-measure-2.3"),  # quality per slice is Model 6's exact test
    ("training.registry", "nist-govern-1.6"),
    ("training.model_card", "nist-govern-4.2"),  # limits and use: MAP 2.2 and deon D.5
    # MANAGE 4.1 is the post-deployment monitoring plan; the change plan is Art. 17(1)(a) and
    # 43(4), an appeal MEASURE 3.3.
    ("training.change_control", "nist-manage-4.1"),
    ("serving.contest", "nist-manage-4.1"),
    ("training.run_variance", "nist-measure-2.5"),  # the noise of a comparison: MEASURE 2.13
    ("training.refusals", "nist-measure-2.5"),  # a rate of wrong refusals is MEASURE 2.3
    ("serving.release_path", "iso42001-a.6.2.5"),
    ("serving.ict_third_party", "iso42001-a.10.3"),  # DORA's register: MANAGE 3.1, as supply_chain
    # Shadow and staged rollouts are Infra 6; A.6.2.5 is the plan and its requirements.
    ("serving.canary", "iso42001-a.6.2.5"),
    ("serving.device_staged_rollout", "iso42001-a.6.2.5"),
]

# Items once used as catch-alls, and the only checks that are what they ask: GOVERN 1.1 the
# organisation understanding and documenting which legal duties apply, MANAGE 1.3 responses
# planned for the risks the harm assessment ranked.
HOMES = {
    "nist-govern-1.1": {
        "framework.risk_classification",
        "framework.profile_confirmed",
    },
    "nist-manage-1.3": {"framework.risk_assessment"},
}


@cache
def bank() -> Bank:
    return load_bank()


def checks() -> list[Question]:
    return [question for question in bank().questions.values() if is_scored(question)]


def test_every_tag_has_the_form_of_its_framework() -> None:
    for check in checks():
        for tag in check.tags:
            form = next((form for prefix, form in FORMS.items() if tag.startswith(prefix)), None)
            assert form is not None, (check.id, tag)
            assert re.fullmatch(form, tag), (check.id, tag)


def test_every_iso42001_tag_names_a_control_of_annex_a() -> None:
    assert len(ANNEX_A) == 38
    tags = {tag for check in checks() for tag in check.tags if tag.startswith("iso42001-")}
    assert tags, "the bank maps to ISO/IEC 42001"
    assert {tag.removeprefix("iso42001-") for tag in tags} <= set(ANNEX_A)


def test_every_eu_ai_act_tag_names_an_article() -> None:
    for check in checks():
        for tag in check.tags:
            if tag.startswith("euaia-art"):
                assert 1 <= int(tag.removeprefix("euaia-art")) <= EU_AI_ACT_ARTICLES, tag


@pytest.mark.parametrize("prefix", ["euaia-", "nist-"])
def test_no_article_or_subcategory_tags_more_than_a_tenth_of_the_checks(prefix: str) -> None:
    counts = Counter(tag for check in checks() for tag in check.tags if tag.startswith(prefix))
    limit = CATCH_ALL_SHARE * len(checks())
    assert counts, prefix
    assert {tag: n for tag, n in counts.items() if n > limit} == {}


def test_only_the_named_process_practices_carry_no_tag() -> None:
    assert {check.id for check in checks() if not check.tags} <= UNTAGGED


@pytest.mark.parametrize(("check", "tag"), WRONG, ids=[f"{c}-{t}" for c, t in WRONG])
def test_a_tag_found_wrong_stays_off_its_check(check: str, tag: str) -> None:
    question = bank().questions.get(check)
    assert question is None or tag not in question.tags


@pytest.mark.parametrize("tag", sorted(HOMES))
def test_a_former_catch_all_tags_only_its_homes(tag: str) -> None:
    assert {check.id for check in checks() if tag in check.tags} == HOMES[tag]


def test_the_checks_named_have_the_right_articles() -> None:
    # The right home of the tags above, where there is one.
    assert "euaia-art86" in bank().questions["framework.person_explanations"].tags
    assert "euaia-art53" in bank().questions["framework.gpai_copyright"].tags
    assert "euaia-art55" in bank().questions["framework.gpai_systemic_risk"].tags
    assert "deon-b1" in bank().questions["framework.encryption"].tags
    assert "euaia-art27" in bank().questions["framework.fria"].tags
    assert "nist-measure-3.3" in bank().questions["serving.contest"].tags
    assert {"euaia-art17", "euaia-art43"} <= set(bank().questions["training.change_control"].tags)
    assert "mlts-model-6" in bank().questions["training.slices"].tags
    assert "nist-measure-2.3" in bank().questions["training.refusals"].tags

"""The README's tables generated from the built-in bank: coverage, and the built-in probes.

Each framework the bank maps to (the ML Test Score, deon's checklist, the NIST AI RMF, the EU AI
Act, ISO/IEC 42001's Annex A) gets one table: an item of the framework per row, with the checks
tagged for it and the profile or decision answers they are asked for. The built-in probes get one
more: a probe per row, with what it looks for and, per check it serves, the answer it supports, the
answer its absence contradicts and how far it can be trusted. The Chinese README has the same
tables in Chinese (`CHINESE`): the same ids, its own words. `tests/test_bank_coverage.py` holds
both READMEs to these tables; after changing the bank's tags or probes, rewrite them with

    python -m tests.bank_coverage
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from mlready.core.kinds import is_scored
from mlready.core.model import Bank, Probe, Question
from mlready.core.vocabulary import Parser
from mlready.io.bank_file import load_bank
from mlready.render.escape import markdown_cell

README = Path(__file__).resolve().parent.parent / "README.md"
README_ZH = README.with_name("README.zh-CN.md")


class Framework(NamedTuple):
    """A framework's README section, the prefix of its tags, and its items in their order."""

    heading: str
    column: str  # the first column's title
    prefix: str
    items: dict[str, tuple[str, str]]  # tag -> (the row's name, what the item asks, in short)


MLTS = Framework(
    "## ML Test Score coverage",
    "Test",
    "mlts-",
    {
        "mlts-data-1": ("Data 1", "Expectations for every input feature are written in a schema"),
        "mlts-data-2": ("Data 2", "Every feature earns its place in the model"),
        "mlts-data-3": ("Data 3", "No feature costs more than it brings"),
        "mlts-data-4": ("Data 4", "Features respect rules about which data may be used"),
        "mlts-data-5": ("Data 5", "The data pipeline protects personal data"),
        "mlts-data-6": ("Data 6", "A new feature can be added quickly"),
        "mlts-data-7": ("Data 7", "Code that creates the model's input has tests"),
        "mlts-model-1": ("Model 1", "Model definitions are reviewed and in version control"),
        "mlts-model-2": ("Model 2", "Offline metrics move with online impact"),
        "mlts-model-3": ("Model 3", "Hyperparameters are tuned"),
        "mlts-model-4": ("Model 4", "The effect of model age on quality is known"),
        "mlts-model-5": ("Model 5", "A simpler model would not do as well"),
        "mlts-model-6": ("Model 6", "Quality holds on the slices that matter"),
        "mlts-model-7": ("Model 7", "Quality is checked across the groups of people affected"),
        "mlts-infra-1": ("Infrastructure 1", "Training can be reproduced"),
        "mlts-infra-2": ("Infrastructure 2", "Model code has unit tests"),
        "mlts-infra-3": ("Infrastructure 3", "The whole pipeline has an integration test"),
        "mlts-infra-4": ("Infrastructure 4", "Model quality is checked before the model serves"),
        "mlts-infra-5": ("Infrastructure 5", "A single prediction can be debugged step by step"),
        "mlts-infra-6": ("Infrastructure 6", "New models are tried on limited traffic first"),
        "mlts-infra-7": ("Infrastructure 7", "A serving model can be rolled back"),
        "mlts-monitor-1": ("Monitoring 1", "Changes in dependencies are announced to the owner"),
        "mlts-monitor-2": ("Monitoring 2", "Data invariants hold for training and serving inputs"),
        "mlts-monitor-3": ("Monitoring 3", "Training and serving see the same features"),
        "mlts-monitor-4": ("Monitoring 4", "Models do not get too old"),
        "mlts-monitor-5": ("Monitoring 5", "The model stays numerically sound"),
        "mlts-monitor-6": ("Monitoring 6", "Serving speed and resource use have not regressed"),
        "mlts-monitor-7": ("Monitoring 7", "Prediction quality has not regressed"),
    },
)

# deon 0.3.0, the release on PyPI: 21 items, A.1 to E.4.
DEON = Framework(
    "## deon coverage",
    "Item",
    "deon-",
    {
        "deon-a1": ("A.1", "Informed consent"),
        "deon-a2": ("A.2", "Collection bias"),
        "deon-a3": ("A.3", "Limit PII exposure"),
        "deon-a4": ("A.4", "Downstream bias mitigation"),
        "deon-b1": ("B.1", "Data security"),
        "deon-b2": ("B.2", "Right to be forgotten"),
        "deon-b3": ("B.3", "Data retention plan"),
        "deon-c1": ("C.1", "Missing perspectives"),
        "deon-c2": ("C.2", "Dataset bias"),
        "deon-c3": ("C.3", "Honest representation"),
        "deon-c4": ("C.4", "Privacy in analysis"),
        "deon-c5": ("C.5", "Auditability"),
        "deon-d1": ("D.1", "Proxy discrimination"),
        "deon-d2": ("D.2", "Fairness across groups"),
        "deon-d3": ("D.3", "Metric selection"),
        "deon-d4": ("D.4", "Explainability"),
        "deon-d5": ("D.5", "Communicate bias"),
        "deon-e1": ("E.1", "Redress"),
        "deon-e2": ("E.2", "Roll back"),
        "deon-e3": ("E.3", "Concept drift"),
        "deon-e4": ("E.4", "Unintended use"),
    },
)

# NIST AI 100-1 (AI RMF 1.0): the subcategories the bank maps to, in the framework's order.
NIST = Framework(
    "## NIST AI RMF coverage",
    "Subcategory",
    "nist-",
    {
        "nist-govern-1.1": (
            "GOVERN 1.1",
            "Legal and regulatory requirements are understood and managed",
        ),
        "nist-govern-1.6": ("GOVERN 1.6", "AI systems are inventoried"),
        "nist-govern-1.7": ("GOVERN 1.7", "Decommissioning and phasing out AI systems safely"),
        "nist-govern-2.1": (
            "GOVERN 2.1",
            "Roles, responsibilities and lines of communication are documented",
        ),
        "nist-govern-2.2": (
            "GOVERN 2.2",
            "Personnel and partners receive AI risk management training",
        ),
        "nist-govern-4.2": (
            "GOVERN 4.2",
            "Teams document the risks and impacts of what they build",
        ),
        "nist-govern-4.3": (
            "GOVERN 4.3",
            "Practices enable AI testing, identifying incidents and sharing information",
        ),
        "nist-govern-5.1": (
            "GOVERN 5.1",
            "Feedback from people outside the team is collected and used",
        ),
        "nist-govern-6.1": (
            "GOVERN 6.1",
            "Risks of third-party data, models and rights are addressed",
        ),
        "nist-govern-6.2": (
            "GOVERN 6.2",
            "Contingency for failures of third-party data or systems",
        ),
        "nist-map-1.1": ("MAP 1.1", "Intended purposes, settings and impacts are documented"),
        "nist-map-1.2": (
            "MAP 1.2",
            "Interdisciplinary people with broad expertise set the context",
        ),
        "nist-map-1.4": ("MAP 1.4", "The business value is clearly defined"),
        "nist-map-1.6": ("MAP 1.6", "System requirements are elicited and understood"),
        "nist-map-2.2": ("MAP 2.2", "Knowledge limits and how outputs are overseen are documented"),
        "nist-map-2.3": ("MAP 2.3", "Scientific integrity and test considerations, data included"),
        "nist-map-3.1": ("MAP 3.1", "Potential benefits are examined"),
        "nist-map-3.2": ("MAP 3.2", "Potential costs of errors are examined"),
        "nist-map-3.3": ("MAP 3.3", "The targeted application scope is specified"),
        "nist-map-3.4": (
            "MAP 3.4",
            "Operator and practitioner proficiency is defined, assessed and documented",
        ),
        "nist-map-3.5": ("MAP 3.5", "Processes for human oversight are defined"),
        "nist-map-4.1": ("MAP 4.1", "Legal risks of components and third-party data are mapped"),
        "nist-map-4.2": ("MAP 4.2", "Internal risk controls for components are documented"),
        "nist-map-5.1": ("MAP 5.1", "Likelihood and magnitude of each impact are documented"),
        "nist-measure-1.1": ("MEASURE 1.1", "Metrics for the most significant risks are chosen"),
        "nist-measure-1.2": ("MEASURE 1.2", "Metrics and controls are regularly reassessed"),
        "nist-measure-1.3": ("MEASURE 1.3", "Independent assessors take part in assessments"),
        "nist-measure-2.1": ("MEASURE 2.1", "Test sets, metrics and tools are documented"),
        "nist-measure-2.2": (
            "MEASURE 2.2",
            "Evaluations involving people meet protection requirements",
        ),
        "nist-measure-2.3": ("MEASURE 2.3", "Performance is shown in conditions like deployment"),
        "nist-measure-2.4": ("MEASURE 2.4", "The system is monitored in production"),
        "nist-measure-2.5": ("MEASURE 2.5", "The system is shown to be valid and reliable"),
        "nist-measure-2.6": ("MEASURE 2.6", "Safety risks are evaluated; the system fails safely"),
        "nist-measure-2.7": ("MEASURE 2.7", "Security and resilience are evaluated"),
        "nist-measure-2.8": ("MEASURE 2.8", "Transparency and accountability risks are examined"),
        "nist-measure-2.9": ("MEASURE 2.9", "The model is explained and its output interpreted"),
        "nist-measure-2.10": ("MEASURE 2.10", "Privacy risk is examined"),
        "nist-measure-2.11": ("MEASURE 2.11", "Fairness and bias are evaluated"),
        "nist-measure-2.12": ("MEASURE 2.12", "Environmental impact is assessed"),
        "nist-measure-2.13": ("MEASURE 2.13", "The evaluation methods themselves are evaluated"),
        "nist-measure-3.1": ("MEASURE 3.1", "Existing and emergent risks are tracked in use"),
        "nist-measure-3.3": (
            "MEASURE 3.3",
            "Users and affected people can report problems and appeal",
        ),
        "nist-measure-4.3": (
            "MEASURE 4.3",
            "Performance changes are identified with feedback from AI actors and the affected",
        ),
        "nist-manage-1.1": (
            "MANAGE 1.1",
            "Whether the system meets its purpose decides if it proceeds",
        ),
        "nist-manage-1.3": ("MANAGE 1.3", "Responses to high-priority risks are planned"),
        "nist-manage-2.1": ("MANAGE 2.1", "Resources and non-AI alternatives are considered"),
        "nist-manage-2.2": ("MANAGE 2.2", "The value of the deployed system is sustained"),
        "nist-manage-2.3": ("MANAGE 2.3", "Procedures respond to and recover from unknown risks"),
        "nist-manage-2.4": (
            "MANAGE 2.4",
            "The system can be superseded, disengaged or deactivated",
        ),
        "nist-manage-3.1": ("MANAGE 3.1", "Third-party risks are monitored"),
        "nist-manage-3.2": ("MANAGE 3.2", "Pre-trained models are monitored"),
        "nist-manage-4.1": (
            "MANAGE 4.1",
            "Post-deployment monitoring, appeal and change management",
        ),
        "nist-manage-4.3": ("MANAGE 4.3", "Incidents are communicated and handled"),
    },
)

# Regulation (EU) 2024/1689: the articles the bank maps to.
EUAIA = Framework(
    "## EU AI Act coverage",
    "Article",
    "euaia-",
    {
        "euaia-art4": ("Art. 4", "AI literacy of the people who run and use the system"),
        "euaia-art5": ("Art. 5", "Prohibited AI practices"),
        "euaia-art6": ("Art. 6", "Classification as high-risk, or a documented exemption"),
        "euaia-art9": ("Art. 9", "Risk management system"),
        "euaia-art10": ("Art. 10", "Data and data governance"),
        "euaia-art11": ("Art. 11", "Technical documentation"),
        "euaia-art12": ("Art. 12", "Record-keeping"),
        "euaia-art13": ("Art. 13", "Transparency and information to deployers"),
        "euaia-art14": ("Art. 14", "Human oversight"),
        "euaia-art15": ("Art. 15", "Accuracy, robustness and cybersecurity"),
        "euaia-art17": ("Art. 17", "Quality management system"),
        "euaia-art19": ("Art. 19", "Automatically generated logs"),
        "euaia-art25": ("Art. 25", "Responsibilities along the AI value chain"),
        "euaia-art26": ("Art. 26", "Obligations of deployers of high-risk systems"),
        "euaia-art27": ("Art. 27", "Fundamental rights impact assessment"),
        "euaia-art43": ("Art. 43", "Conformity assessment"),
        "euaia-art49": ("Art. 49", "Registration"),
        "euaia-art50": ("Art. 50", "Transparency for certain AI systems"),
        "euaia-art53": ("Art. 53", "Obligations of providers of general-purpose AI models"),
        "euaia-art54": ("Art. 54", "Authorised representatives of general-purpose AI providers"),
        "euaia-art55": ("Art. 55", "Obligations for general-purpose AI models with systemic risk"),
        "euaia-art72": ("Art. 72", "Post-market monitoring"),
        "euaia-art73": ("Art. 73", "Reporting of serious incidents"),
        "euaia-art86": ("Art. 86", "Right to explanation of individual decisions"),
    },
)


# ISO/IEC 42001:2023, Annex A: the controls the bank maps to, in the standard's order. Its
# section is rewritten by `rewrite_rows`, in both READMEs (each keeps its own column titles).
ISO42001 = Framework(
    "## ISO/IEC 42001 coverage",
    "Control",
    "iso42001-",
    {
        "iso42001-a.3.2": ("A.3.2", "Roles and responsibilities for the AI system are assigned"),
        "iso42001-a.4.2": ("A.4.2", "The resources each life cycle stage needs are documented"),
        "iso42001-a.4.3": ("A.4.3", "The data resources used are documented"),
        "iso42001-a.4.4": ("A.4.4", "The tooling resources used are documented"),
        "iso42001-a.4.5": ("A.4.5", "The system and computing resources used are documented"),
        "iso42001-a.4.6": ("A.4.6", "The competences of the people involved are documented"),
        "iso42001-a.5.2": ("A.5.2", "A process assesses the impacts of the AI system"),
        "iso42001-a.5.3": ("A.5.3", "Impact assessments are documented and kept"),
        "iso42001-a.5.4": ("A.5.4", "Impacts on individuals and groups of people are assessed"),
        "iso42001-a.5.5": ("A.5.5", "Societal impacts of the AI system are assessed"),
        "iso42001-a.6.2.2": ("A.6.2.2", "Requirements and specification of the system"),
        "iso42001-a.6.2.4": ("A.6.2.4", "Verification and validation measures and criteria"),
        "iso42001-a.6.2.5": ("A.6.2.5", "A deployment plan; requirements met before deployment"),
        "iso42001-a.6.2.6": ("A.6.2.6", "Operation and monitoring: performance, repairs, updates"),
        "iso42001-a.6.2.7": ("A.6.2.7", "Technical documentation"),
        "iso42001-a.6.2.8": ("A.6.2.8", "Event logs are recorded"),
        "iso42001-a.7.3": ("A.7.3", "How data is acquired and selected, rights included"),
        "iso42001-a.7.4": ("A.7.4", "Data quality requirements are defined and met"),
        "iso42001-a.7.5": ("A.7.5", "Data provenance is recorded"),
        "iso42001-a.7.6": ("A.7.6", "Data preparation criteria and methods"),
        "iso42001-a.8.2": ("A.8.2", "Users get the documentation and information they need"),
        "iso42001-a.8.3": ("A.8.3", "Interested parties can report adverse impacts"),
        "iso42001-a.8.5": ("A.8.5", "Information owed to interested parties, authorities included"),
        "iso42001-a.9.3": ("A.9.3", "Objectives for responsible use, human oversight included"),
        "iso42001-a.9.4": ("A.9.4", "The system is used as intended"),
        "iso42001-a.10.2": (
            "A.10.2",
            "Responsibilities are allocated between the organisation and its partners",
        ),
        "iso42001-a.10.3": ("A.10.3", "Suppliers' products and services fit responsible use"),
    },
)
FRAMEWORKS = (MLTS, DEON, NIST, EUAIA, ISO42001)


class Language(NamedTuple):
    """A README's language: its file, its words for the tables' English ones, its heading of
    each framework's section and what each item asks, in short. What it lacks stays English;
    a framework whose heading it lacks has no table in it."""

    code: str
    readme: Path
    words: Mapping[str, str] = MappingProxyType({})
    headings: Mapping[str, str] = MappingProxyType({})
    items: Mapping[str, str] = MappingProxyType({})

    def word(self, english: str) -> str:
        """`english` in this language."""
        return self.words.get(english, english)


ENGLISH = Language("en", README)

CHINESE_ITEMS = {
    "mlts-data-1": "每个输入特征的预期都写进了 schema",
    "mlts-data-2": "每个特征都对模型有实际贡献",
    "mlts-data-3": "没有哪个特征的成本高于其收益",
    "mlts-data-4": "特征遵守关于哪些数据可以使用的规定",
    "mlts-data-5": "数据流水线保护个人信息",
    "mlts-data-6": "可以快速加入新特征",
    "mlts-data-7": "生成模型输入的代码有测试",
    "mlts-model-1": "模型定义经过评审，并纳入版本控制",
    "mlts-model-2": "离线指标与线上效果同向变化",
    "mlts-model-3": "超参数经过调优",
    "mlts-model-4": "已知模型老化对质量的影响",
    "mlts-model-5": "更简单的模型达不到同样的效果",
    "mlts-model-6": "在重要的数据切片上质量依然达标",
    "mlts-model-7": "按受影响的人群检查质量",
    "mlts-infra-1": "训练可以复现",
    "mlts-infra-2": "模型代码有单元测试",
    "mlts-infra-3": "整条流水线有集成测试",
    "mlts-infra-4": "模型在提供服务之前先检查其质量",
    "mlts-infra-5": "可以逐步调试单次预测",
    "mlts-infra-6": "新模型先在有限流量上试用",
    "mlts-infra-7": "正在服务的模型可以回滚",
    "mlts-monitor-1": "依赖的变更会通知到负责人",
    "mlts-monitor-2": "训练和推理时的输入都满足数据不变量",
    "mlts-monitor-3": "训练和推理时看到的是同样的特征",
    "mlts-monitor-4": "模型不会过于陈旧",
    "mlts-monitor-5": "模型在数值上保持稳定",
    "mlts-monitor-6": "服务速度和资源占用没有退化",
    "mlts-monitor-7": "预测质量没有退化",
    "deon-a1": "知情同意",
    "deon-a2": "收集偏差",
    "deon-a3": "限制个人身份信息的暴露",
    "deon-a4": "下游偏差的缓解",
    "deon-b1": "数据安全",
    "deon-b2": "被遗忘权",
    "deon-b3": "数据保留计划",
    "deon-c1": "缺失的视角",
    "deon-c2": "数据集偏差",
    "deon-c3": "如实呈现",
    "deon-c4": "分析中的隐私",
    "deon-c5": "可审计性",
    "deon-d1": "代理变量歧视",
    "deon-d2": "群体间的公平性",
    "deon-d3": "指标选择",
    "deon-d4": "可解释性",
    "deon-d5": "沟通偏差",
    "deon-e1": "补救",
    "deon-e2": "回滚",
    "deon-e3": "概念漂移",
    "deon-e4": "非预期用途",
    "nist-govern-1.1": "理解并管理法律与监管要求",
    "nist-govern-1.4": "风险管理流程由透明的政策确定",
    "nist-govern-1.5": "定期监督和评审风险管理",
    "nist-govern-1.6": "人工智能系统登记在册",
    "nist-govern-4.2": "团队记录其所构建系统的风险与影响",
    "nist-govern-5.1": "收集并采纳团队外部人员的反馈",
    "nist-govern-6.1": "应对第三方数据、模型和权利带来的风险",
    "nist-govern-6.2": "为第三方数据或系统的故障准备应急预案",
    "nist-map-1.1": "记录预期用途、使用场景和影响",
    "nist-map-1.2": "由具备广泛专业知识的跨学科人员确定背景",
    "nist-map-1.4": "明确界定业务价值",
    "nist-map-1.6": "收集并理解系统需求",
    "nist-map-2.1": "界定系统执行的任务和使用的方法",
    "nist-map-2.2": "记录知识边界以及对输出的监督方式",
    "nist-map-2.3": "科学严谨性与测试方面的考量（包括数据）",
    "nist-map-3.1": "审视潜在收益",
    "nist-map-3.2": "审视错误的潜在代价",
    "nist-map-3.3": "明确目标应用范围",
    "nist-map-3.5": "规定人工监督的流程",
    "nist-map-4.1": "梳理组件和第三方数据的法律风险",
    "nist-map-4.2": "记录针对组件的内部风险控制",
    "nist-map-5.1": "记录每项影响的可能性和严重程度",
    "nist-measure-1.1": "为最重要的风险选定指标",
    "nist-measure-1.2": "定期重新评估指标和控制措施",
    "nist-measure-1.3": "独立评估者参与评估",
    "nist-measure-2.1": "记录测试集、指标和工具",
    "nist-measure-2.2": "涉及人的评估满足保护要求",
    "nist-measure-2.3": "在接近部署的条件下证明性能",
    "nist-measure-2.4": "在生产环境中监控系统",
    "nist-measure-2.5": "证明系统有效且可靠",
    "nist-measure-2.6": "评估安全风险；系统失效时保持安全",
    "nist-measure-2.7": "评估安全性与韧性",
    "nist-measure-2.8": "审视透明度与问责方面的风险",
    "nist-measure-2.9": "解释模型并解读其输出",
    "nist-measure-2.10": "审视隐私风险",
    "nist-measure-2.11": "评估公平性与偏差",
    "nist-measure-2.12": "评估环境影响",
    "nist-measure-2.13": "评估评估方法本身",
    "nist-measure-3.1": "在使用中跟踪已有的和新出现的风险",
    "nist-measure-3.3": "用户和受影响的人可以报告问题并提出申诉",
    "nist-manage-1.1": "是否达到预期目的决定系统能否继续推进",
    "nist-manage-1.3": "为高优先级风险规划应对措施",
    "nist-manage-2.1": "考虑所需资源以及非人工智能的替代方案",
    "nist-manage-2.2": "保持已部署系统的价值",
    "nist-manage-2.3": "有应对未知风险并从中恢复的流程",
    "nist-manage-2.4": "系统可以被取代、脱离或停用",
    "nist-manage-3.1": "监控第三方风险",
    "nist-manage-3.2": "监控预训练模型",
    "nist-manage-4.1": "部署后的监控、申诉和变更管理",
    "nist-manage-4.3": "沟通并处理事件",
    "euaia-art9": "风险管理体系",
    "euaia-art10": "数据与数据治理",
    "euaia-art11": "技术文档",
    "euaia-art12": "记录保存",
    "euaia-art13": "透明度及向部署者提供的信息",
    "euaia-art14": "人工监督",
    "euaia-art15": "准确性、稳健性和网络安全",
    "euaia-art17": "质量管理体系",
    "euaia-art19": "自动生成的日志",
    "euaia-art26": "高风险系统部署者的义务",
    "euaia-art27": "基本权利影响评估",
    "euaia-art43": "合格评定",
    "euaia-art49": "登记",
    "euaia-art50": "特定人工智能系统的透明度义务",
    "euaia-art72": "上市后监测",
    "euaia-art73": "严重事件的报告",
    "euaia-art86": "对个人决策获得解释的权利",
    "nist-govern-1.7": "安全地停用和淘汰人工智能系统",
    "nist-govern-2.1": "角色、职责和沟通渠道有书面记录",
    "nist-govern-2.2": "人员和合作方接受人工智能风险管理培训",
    "nist-govern-4.3": "相关做法支持人工智能测试、事件识别和信息共享",
    "nist-map-3.4": "操作人员和从业人员的能力得到界定、评估和记录",
    "nist-measure-4.3": "结合人工智能相关方和受影响者的反馈识别性能变化",
    "euaia-art4": "运行和使用系统的人员具备人工智能素养",
    "euaia-art5": "被禁止的人工智能做法",
    "euaia-art6": "高风险分类，或有书面记录的豁免",
    "euaia-art25": "人工智能价值链上的责任",
    "euaia-art53": "通用人工智能模型提供者的义务",
    "euaia-art54": "通用人工智能模型提供者的授权代表",
    "euaia-art55": "具有系统性风险的通用人工智能模型的义务",
    "iso42001-a.3.2": "为人工智能系统分配角色和职责",
    "iso42001-a.4.2": "记录生命周期各阶段所需的资源",
    "iso42001-a.4.3": "记录所用的数据资源",
    "iso42001-a.4.4": "记录所用的工具资源",
    "iso42001-a.4.5": "记录所用的系统和算力资源",
    "iso42001-a.4.6": "记录相关人员的能力",
    "iso42001-a.5.2": "有评估人工智能系统影响的流程",
    "iso42001-a.5.3": "影响评估有书面记录并留存",
    "iso42001-a.5.4": "评估对个人和群体的影响",
    "iso42001-a.5.5": "评估人工智能系统的社会影响",
    "iso42001-a.6.2.2": "系统的需求和规格",
    "iso42001-a.6.2.4": "验证和确认的措施与标准",
    "iso42001-a.6.2.5": "部署计划；部署前满足各项要求",
    "iso42001-a.6.2.6": "运行和监控：性能、修复、更新",
    "iso42001-a.6.2.7": "技术文档",
    "iso42001-a.6.2.8": "记录事件日志",
    "iso42001-a.7.3": "数据如何获取和挑选，包括使用权",
    "iso42001-a.7.4": "明确并满足数据质量要求",
    "iso42001-a.7.5": "记录数据来源",
    "iso42001-a.7.6": "数据准备的标准和方法",
    "iso42001-a.8.2": "用户获得所需的文档和信息",
    "iso42001-a.8.3": "相关方可以报告不良影响",
    "iso42001-a.8.5": "应向相关方（包括监管机构）提供的信息",
    "iso42001-a.9.3": "负责任使用的目标，包括人工监督",
    "iso42001-a.9.4": "系统按预期用途使用",
    "iso42001-a.10.2": "在组织与合作方之间分配职责",
    "iso42001-a.10.3": "供应商的产品和服务符合负责任使用的要求",
}

CHINESE = Language(
    "zh-CN",
    README_ZH,
    words={
        "What it asks, in short": "简要内容",
        "Bank checks": "题库检查项",
        "Test": "测试",
        "Item": "条目",
        "Subcategory": "子类别",
        "Article": "条款",
        "Control": "控制措施",
        "none": "无",
        " (if {conditions})": "（仅当 {conditions}）",
        "{name}: {values}": "{name}：{values}",
        "; ": "；",
        ", ": "、",
        "Probe": "探针",
        "What it shows": "显示什么",
        "Where it looks": "在哪里查找",
        "Checks: supports, required for (reliability)": (
            "检查项：支持的回答、缺失时否定的回答（可靠性）"
        ),
        "supports {answer}": "支持 {answer}",
        "required for {answer}": "缺失时否定 {answer}",
        "{check}: {roles} ({trust})": "{check}：{roles}（{trust}）",
        "high": "高",
        "medium": "中",
        "low": "低",
        " and {count} more": " 等另外 {count} 个",
        "; key {key}": "；键 {key}",
        "; a line matching a pattern": "；匹配某个模式的行",
        "; a line matching a pattern too": "；还需有一行匹配某个模式",
        "recorded results (`--results`): {kind}, ": "记录的结果（`--results`）：{kind}，",
        "; read as {parsed}": "；按{parsed}解析",
        ", a statement matching a pattern": "，需有一条语句匹配某个模式",
        "; {kind} only": "；仅限 {kind}",
        "; nothing in {library}'s own repository": "；在 {library} 自己的仓库中不计",
        "; {kinds} count too": "；{kinds} 也计入",
        "CI commands": "CI 命令",
        "Python (imports and calls)": "Python（导入和调用）",
        "Dockerfile instructions": "Dockerfile 指令",
        "Kubernetes workloads": "Kubernetes 工作负载",
        "runtime requirements": "运行时依赖",
        "the tests a test file defines": "测试文件定义的测试",
    },
    headings={
        MLTS.heading: "## ML Test Score 覆盖情况",
        DEON.heading: "## deon 覆盖情况",
        NIST.heading: "## NIST AI RMF 覆盖情况",
        EUAIA.heading: "## 欧盟《人工智能法案》（EU AI Act）覆盖情况",
        ISO42001.heading: "## ISO/IEC 42001 覆盖情况",
    },
    items=CHINESE_ITEMS,
)
LANGUAGES = (ENGLISH, CHINESE)


def heading_in(framework: Framework, lang: Language) -> str | None:
    """The framework's heading in the README of `lang`; None when it has no such section."""
    return framework.heading if lang is ENGLISH else lang.headings.get(framework.heading)


def translated_bank(bank: Bank, lang: Language) -> Bank:
    """The bank as the README of `lang` shows it: its probes' lines in that language."""
    if lang is ENGLISH:
        return bank
    from mlready.core.translation import translate_bank
    from mlready.io.catalogs import bank_translation

    return translate_bank(bank, bank_translation(bank, lang.code)).bank


def condition(question: Question, lang: Language = ENGLISH) -> str:
    """The answers a check is asked for, in brackets after its id; empty when always asked."""
    if not question.when:
        return ""
    parts = [
        lang.word("{name}: {values}").format(
            name=name.split(".")[-1], values=lang.word(", ").join(values)
        )
        for name, values in question.when.items()
    ]
    return lang.word(" (if {conditions})").format(conditions=lang.word("; ").join(parts))


def table(framework: Framework, bank: Bank, lang: Language = ENGLISH) -> str:
    """The framework's coverage table: its items in order, each with the checks tagged for it."""
    rows = [
        f"| {lang.word(framework.column)} | {lang.word('What it asks, in short')} | "
        f"{lang.word('Bank checks')} |",
        "| --- | --- | --- |",
    ]
    for tag, (name, short) in framework.items.items():
        checks = [
            f"`{question.id}`{condition(question, lang)}"
            for question in bank.questions.values()
            if is_scored(question) and tag in question.tags
        ]
        shown = lang.items.get(tag, short)
        rows.append(f"| {name} | {shown} | {'<br>'.join(checks) or lang.word('none')} |")
    return "\n".join(rows) + "\n"


def tables_in(readme: str, lang: Language = ENGLISH) -> dict[str, str]:
    """The first table of each framework's README section, by (English) heading."""
    found = {}
    for framework in FRAMEWORKS:
        heading = heading_in(framework, lang)
        if heading is None:
            continue
        section = readme.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
        match = re.search(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
        found[framework.heading] = match.group(0) if match else ""
    return found


PROBES_HEADING = "### Built-in probes"
PROBES_HEADINGS = {ENGLISH.code: PROBES_HEADING, CHINESE.code: "### 内置探针"}


def where(probe: Probe, lang: Language = ENGLISH) -> str:
    """Where a probe looks, in short: its first globs, and its key path or pattern."""
    shown = lang.word(", ").join(f"`{glob}`" for glob in probe.files[:3])
    if len(probe.files) > 3:
        shown += lang.word(" and {count} more").format(count=len(probe.files) - 3)
    if probe.key is not None:
        key = f"`{probe.key}`" + (f" = `{probe.equals}`" if probe.equals else "")
        shown += lang.word("; key {key}").format(key=key)
    if probe.results is not None:
        said = lang.word("recorded results (`--results`): {kind}, ").format(kind=probe.results)
        return said + shown
    if probe.parser is not None:
        shown += lang.word("; read as {parsed}").format(parsed=lang.word(_PARSED[probe.parser]))
        if probe.finds is not None:
            shown += lang.word(", a statement matching a pattern")
    elif probe.contains is not None:
        shown += lang.word(
            "; a line matching a pattern too" if probe.key else "; a line matching a pattern"
        )
    if probe.within is not None:
        shown += lang.word("; {kind} only").format(kind=probe.within)
    if probe.paths:
        kinds = lang.word(", ").join(str(kind) for kind in probe.paths)
        shown += lang.word("; {kinds} count too").format(kinds=kinds)
    if probe.library:
        library = lang.word(", ").join(f"`{name}`" for name in probe.library[:3])
        library += "…" if len(probe.library) > 3 else ""
        shown += lang.word("; nothing in {library}'s own repository").format(library=library)
    return shown


_PARSED = {
    Parser.CI: "CI commands",
    Parser.PYTHON: "Python (imports and calls)",
    Parser.DOCKERFILE: "Dockerfile instructions",
    Parser.KUBERNETES: "Kubernetes workloads",
    Parser.REQUIREMENTS: "runtime requirements",
    Parser.TESTS: "the tests a test file defines",
}


def probes_table(bank: Bank, lang: Language = ENGLISH) -> str:
    """The built-in probes: one row per probe id (a probe id looks for one thing wherever it
    is used), in the order the bank first uses them, with the checks it serves."""
    used: dict[str, list[tuple[Question, Probe]]] = {}
    for question in translated_bank(bank, lang).questions.values():
        for probe in question.evidence:
            used.setdefault(probe.id, []).append((question, probe))
    headers = ("Probe", "What it shows", "Where it looks")
    headers += ("Checks: supports, required for (reliability)",)
    rows = [
        "| " + " | ".join(lang.word(header) for header in headers) + " |",
        "| --- | --- | --- | --- |",
    ]
    for probe_id, uses in used.items():
        first = uses[0][1]
        checks = []
        for question, probe in uses:
            roles = []
            if probe.supports is not None:
                roles.append(lang.word("supports {answer}").format(answer=probe.supports))
            if probe.required_for is not None:
                roles.append(lang.word("required for {answer}").format(answer=probe.required_for))
            checks.append(
                lang.word("{check}: {roles} ({trust})").format(
                    check=f"`{question.id}`{condition(question, lang)}",
                    roles=lang.word(", ").join(roles),
                    trust=lang.word(probe.reliability.value),
                )
            )
        says = markdown_cell(first.says)
        rows.append(f"| `{probe_id}` | {says} | {where(first, lang)} | {'<br>'.join(checks)} |")
    return "\n".join(rows) + "\n"


def probes_table_in(readme: str, lang: Language = ENGLISH) -> str:
    """The table of the README's section on the built-in probes."""
    section = readme.split(PROBES_HEADINGS[lang.code] + "\n", 1)[1].split("\n#", 1)[0]
    match = re.search(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
    return match.group(0) if match else ""


def rewrite(readme: str, bank: Bank, lang: Language = ENGLISH) -> str:
    """The README of `lang` with every framework's table, and the table of built-in probes,
    replaced by the ones the bank gives."""
    for framework in FRAMEWORKS:
        heading = heading_in(framework, lang)
        if heading is None:
            continue
        head, rest = readme.split(heading + "\n", 1)
        section, sep, tail = rest.partition("\n## ")
        match = re.search(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
        assert match, f"{heading} has no table"
        made = table(framework, bank, lang)
        section = section[: match.start()] + made + section[match.end() :]
        readme = head + heading + "\n" + section + sep + tail
    probes = PROBES_HEADINGS[lang.code]
    head, rest = readme.split(probes + "\n", 1)
    section, sep, tail = rest.partition("\n#")
    match = re.search(r"(?:^\|.*\|\n)+", section, flags=re.MULTILINE)
    assert match, f"{probes} has no table"
    section = section[: match.start()] + probes_table(bank, lang) + section[match.end() :]
    return head + probes + "\n" + section + sep + tail


if __name__ == "__main__":
    for language in LANGUAGES:
        text = language.readme.read_text(encoding="utf-8")
        language.readme.write_text(rewrite(text, load_bank(), language), encoding="utf-8")

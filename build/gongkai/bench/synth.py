"""Synthetic raw pages for benchmarking: realistic layouts, chrome and text, written by us.

Deterministic for a given seed. Every page varies the things real government
pages vary: metadata layout, site chrome, region, year, issuer and the topics the
body discusses, plus the occasional spam injection, broken date or page break.
"""
from __future__ import annotations

import random
from pathlib import Path

REGIONS = ["渝中区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区", "綦江区", "大足区",
           "长寿区", "江津区", "合川区", "永川区", "南川区", "璧山区", "铜梁区", "潼南区", "荣昌区", "开州区",
           "梁平区", "武隆区", "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县",
           "石柱土家族自治县", "秀山土家族苗族自治县", "镇巴县", "留坝县", "佛坪县", "宁强县", "略阳县", "洋县",
           "西乡县", "勉县"]
PROVINCE = {"县": "陕西省汉中市", "区": "重庆市"}
OFFICES = ["人民政府", "人民政府办公室", "司法局", "市场监督管理局", "生态环境局", "教育委员会", "卫生健康委员会",
           "住房和城乡建设委员会", "交通局", "应急管理局", "大数据应用发展管理局", "财政局"]
TOPIC_SENTENCES = [
    "全年共收到依申请公开申请{n}件，均在法定期限内答复，主动公开政府信息{m}条。",
    "深入推进政务公开标准化规范化建设，完善政府信息公开目录。",
    "全年共收到行政复议申请{n}件，依法受理{m}件，办结{k}件，纠错率{p}%。",
    "行政机关负责人出庭应诉{n}次，出庭应诉率达到100%。",
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，办理行政处罚案件{n}件。",
    "严格执行重大行政决策程序，对{n}项重大行政决策开展合法性审查和风险评估。",
    "审查行政规范性文件{n}件，报送备案{m}件，备案审查率100%。",
    "聘请法律顾问{n}名，设立公职律师{m}名，参与审查合同和信访案件。",
    "组织领导干部学法{n}次，开展普法宣传活动{m}场，落实谁执法谁普法责任制。",
    "党政主要负责人认真履行推进法治建设第一责任人职责，年终述法{n}人次。",
    "办理人大代表建议{n}件、政协委员提案{m}件，满意率达到98%以上。",
    "配合审计机关完成审计项目{n}个，整改审计发现问题{m}个。",
    "受理信访事项{n}件，按期办结率{p}%。",
    "坚持和发展新时代枫桥经验，人民调解组织调解矛盾纠纷{n}件，调解成功率{p}%。",
    "持续优化营商环境，深化放管服改革，推进证照分离改革，新增市场主体{n}户。",
    "动态调整权责清单，梳理行政权力事项{n}项。",
    "完善公共法律服务体系，办理法律援助案件{n}件，12348热线接听咨询{m}人次。",
    "推进社会信用体系建设，归集信用信息{n}万条，实施联合惩戒。",
    "修订突发事件应急预案{n}件，开展应急演练{m}次，依法做好疫情防控。",
    "建设数字政府，推行互联网+监管，{n}项政务服务事项实现网上办理。",
    "开展法治督察{n}次，将法治政府建设纳入年度考核评价。",
    "配合做好地方性法规和政府规章草案征求意见工作，提出意见建议{n}条。",
]
FILLER = [
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。",
    "紧紧围绕建设法治政府目标，统筹推进各项工作，取得了积极成效。",
    "同时也要看到，基层法治建设基础仍然薄弱，法治工作队伍力量有待充实。",
    "下一步，将进一步提高依法行政水平，为经济社会高质量发展提供有力法治保障。",
    "各部门加强协作配合，形成工作合力，确保各项任务落到实处。",
    "按照《法治政府建设实施纲要》和《中华人民共和国行政复议法》的要求，完善工作机制。",
    "严格落实《重大行政决策程序暂行条例》《政府信息公开条例》等规定。",
]
NAV = ["首页 政务公开 政务服务 互动交流 走进{region}", "中国政府网 | 重庆市人民政府网 | 无障碍 | 繁體版 | 登录", "今天是 2019年3月5日 星期二"]
FOOTER = ["扫一扫在手机打开当前页", "部门街镇", "政务新媒体", "矩阵", "服务地图", "版权所有：{region}人民政府办公室",
          "渝ICP备05003300号", "网站标识码：5001000012", "返回顶部"]
SPAM = ["万博手机版网页版", "manbetx官网", "新万博体育app下载"]


def _body(rng: random.Random, region: str, year: int, issuer: str, page_break: bool) -> list[str]:
    paragraphs = [f"{year}年，{issuer}" + rng.choice(FILLER) + "现将有关情况报告如下："]
    sections = ["一、主要工作及成效", "二、存在的问题", f"三、{year + 1}年工作打算"]
    chosen = rng.sample(TOPIC_SENTENCES, rng.randint(5, 9))
    for s_index, section in enumerate(sections):
        paragraphs.append(section)
        count = len(chosen) if s_index == 0 else 1
        for i in range(count):
            numbers = {"n": rng.randint(3, 900), "m": rng.randint(2, 400), "k": rng.randint(1, 300), "p": rng.randint(85, 100)}
            lead = f"（{'一二三四五六七八九十'[i]}）" + rng.choice(["强化制度保障", "规范权力运行", "提升服务效能", "加强队伍建设"]) + "。" if s_index == 0 else ""
            sentences = [chosen[i].format(**numbers) if s_index == 0 else rng.choice(FILLER)]
            sentences += [rng.choice(FILLER) for _ in range(rng.randint(3, 6))]
            paragraphs.append(lead + "".join(sentences))
    if page_break:
        long = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))
        text = paragraphs[long]
        cut = len(text) // 2
        paragraphs[long : long + 1] = [text[:cut], text[cut:]]
    return paragraphs


def make_page(index: int, rng: random.Random, year: int | None = None) -> tuple[str, str]:
    """(file name, content) for one synthetic page; ``year`` fixes the year the report covers."""
    region = rng.choice(REGIONS)
    year = year or rng.randint(2014, 2024)
    office = rng.choice(OFFICES)
    prefix = PROVINCE["县" if region.endswith("县") else "区"]
    issuer = f"{prefix}{region}{office}"
    title = rng.choice([f"{region}{office}关于{year}年度法治政府建设情况的报告", f"{prefix}{region}{year}年法治政府建设工作报告",
                        f"{region}{office}{year}年度法治政府建设年度报告"])
    published = f"{year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
    signed = f"{year + 1}年{rng.randint(1, 2)}月{rng.randint(1, 28)}日"
    if rng.random() < 0.02:
        signed = f"{year + 1}{rng.randint(1, 2)}{rng.randint(10, 28)}日"  # separators lost
    index_no = f"11500{rng.randint(10**12, 10**13 - 1)}/{year + 1}-{index:05d}"
    body = _body(rng, region, year, issuer.replace(prefix, ""), rng.random() < 0.05)
    if rng.random() < 0.03:
        i = rng.randrange(1, len(body))
        body[i] = body[i][:10] + rng.choice(SPAM) + body[i][10:]
    layout = rng.randrange(6)
    nav = [line.format(region=region) for line in rng.sample(NAV, rng.randint(1, 3))]
    crumb = "您当前的位置：首页 > 政务公开 > 法定主动公开内容 > 法治政府建设年度报告"
    footer = [line.format(region=region) for line in FOOTER[: rng.randint(3, len(FOOTER))]]
    signature = [f"{prefix}{region}{office}", signed]
    if layout == 0:  # bullets, label then value
        meta = ["  • [ 索引号 ]", f"  • {index_no}", "  • [ 发文字号 ]", "  • [ 发布机构 ]", f"  • {region}{office}",
                "  • [ 发布日期 ]", f"  • {published}"]
        lines = nav + [crumb] + meta + [title, f"日期：{published}", "语音播报", ""] + body + signature + footer
        return f"synth_{index:05d}.txt", "\n\n".join(lines) + "\n"
    if layout == 1:  # label: value on one line
        meta = [f"索引号：{index_no}", f"发布机构：{region}{office}", f"成文日期：{published}", f"发布日期：{published}"]
        return f"synth_{index:05d}.txt", "\n".join(nav + [crumb, title] + meta + [""] + body + [""] + signature + footer) + "\n"
    if layout == 2:  # label on its own line
        meta = ["索引号", index_no, "发布机构", f"{region}{office}", "发布日期", published]
        return f"synth_{index:05d}.txt", "\n".join(nav + meta + [title, ""] + body + signature + footer) + "\n"
    paragraphs = "".join(f"<p>{p}</p>" for p in body + signature)
    header = "".join(f"<div class='top'>{line}</div>" for line in nav)
    foot = "<footer>" + "".join(f"<p>{line}</p>" for line in footer) + "</footer>"
    if layout == 3:  # metadata table
        table = (f"<table><tr><td>索引号</td><td>{index_no}</td><td>发文字号</td><td></td></tr>"
                f"<tr><td>发布机构</td><td>{region}{office}</td><td>发布日期</td><td>{published}</td></tr></table>")
        html = f"<html><head><title>{title}_{region}人民政府</title><script>var a=1;</script></head><body>{header}<div>{crumb}</div>{table}<h1>{title}</h1>{paragraphs}{foot}</body></html>"
    elif layout == 4:  # 来源 / 发布时间 row
        html = (f"<html><head><title>{title}</title></head><body><header>{header}</header><div>{crumb}</div><h1>{title}</h1>"
                f"<div>来源：{region}{office}  发布时间：{published} 10:20  浏览次数：{rng.randint(10, 9999)}  字体：[大 中 小]</div>{paragraphs}{foot}</body></html>")
    else:  # 文章来源 / 更新时间
        html = (f"<html><head><title>{title}</title></head><body>{header}<h1>{title}</h1><p>文章来源：{region}{office} 更新时间：{published}</p>"
                f"{paragraphs}<p>【打印本页】 【关闭窗口】</p>{foot}</body></html>")
    return f"synth_{index:05d}.html", html


def generate_pages(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        name, content = make_page(index, rng)
        path = folder / name
        path.write_text(content, "utf-8")
        paths.append(path)
    return paths

"""受付方法: the ways a 公民館 takes in a report for a resident (代理受付, app/intake).

Kept with the centers (a low layer) because issue pages, workshop guest lists and intake all name them."""

# code -> (label, how the public byline says it)
METHODS = {
    "counter": ("窓口", "窓口で"),
    "phone": ("電話", "電話で"),
    "paper": ("用紙", "受付用紙で"),
    "workshop": ("ワークショップ", "ワークショップで"),
}
METHOD_CHOICES = [(code, label) for code, (label, _byline) in METHODS.items()]


def byline(issue):
    """The public author line of an assisted issue: 「○○公民館が窓口で受け付けました」."""
    if not issue.intake_method or issue.intake_center is None or issue.intake_method not in METHODS:
        return ""
    return f"{issue.intake_center.name}が{METHODS[issue.intake_method][1]}受け付けました"

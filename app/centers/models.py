"""公民館: editable data, each serving one district (地区)."""
from app.extensions import db
from app.util.time import utcnow


class Center(db.Model):
    __tablename__ = "centers"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(60), nullable=False, unique=True)
    district = db.Column(db.String(60), nullable=False)
    address = db.Column(db.String(200), nullable=False, default="")
    phone = db.Column(db.String(30), nullable=False, default="")  # the facility's public number
    description = db.Column(db.Text, nullable=False, default="")
    position = db.Column(db.Integer, nullable=False, default=0)
    is_sample = db.Column(db.Boolean, nullable=False, default=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    # New accounts' first post in this district waits for a facilitator's approval.
    premoderate_first_posts = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    # The association table is defined with User (accounts.models); named here so models never import upwards.
    facilitators = db.relationship("User", secondary="facilitator_centers", back_populates="centers",
                                   order_by="User.display_name")

    def __repr__(self):
        return f"<Center {self.name}>"


# 受付方法: how a 公民館 takes in a report for a resident (代理受付, app/intake). Here, low, because issue pages,
# workshop guest lists and intake all name them.
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

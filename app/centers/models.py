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

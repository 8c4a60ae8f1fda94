"""A 担当課: a city department (or an outside body) an issue can be referred to."""
from app.extensions import db
from app.util.time import utcnow


class Department(db.Model):
    __tablename__ = "departments"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False, unique=True)
    contact_url = db.Column(db.String(300), nullable=False, default="")  # the department's page on the city site
    phone = db.Column(db.String(30), nullable=False, default="")  # the department's public number
    handles = db.Column(db.Text, nullable=False, default="")  # what it handles, in plain words
    position = db.Column(db.Integer, nullable=False, default=0)
    is_sample = db.Column(db.Boolean, nullable=False, default=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    members = db.relationship("User", secondary="department_members", back_populates="departments",
                              order_by="User.display_name")

    def __repr__(self):
        return f"<Department {self.name}>"

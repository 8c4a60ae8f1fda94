"""Settings, all from the environment.

Config is development (embedded SQLite under instance/); TestConfig and
ProductionConfig adjust it. Nothing here has side effects except the
development secret key, which is generated once into instance/.
"""
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _dev_secret_key():
    """Read the development key from instance/, creating it on first run."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'hiratsuka.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SITE_NAME = "ひらつか共創ひろば"
    SITE_URL = os.environ.get("SITE_URL", "")  # absolute base for links in e-mail

    # Sessions and cookies
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 14
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 4

    # Rate limits: memory in development, Redis when REDIS_URL is set
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "moving-window"

    # Number of reverse proxies in front of the app (nginx: 1); 0 when the app faces clients directly.
    PROXY_FIX_X_FOR = int(os.environ.get("PROXY_FIX_X_FOR", "0"))

    # Mail: "log" prints to the log and instance/mail.log; "smtp" sends
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp" if os.environ.get("MAIL_SERVER") else "log")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "ひらつか共創ひろば <no-reply@localhost>")
    MAIL_LOG_FILE = str(INSTANCE_DIR / "mail.log")

    # Accounts
    PASSWORD_MIN_LENGTH = 10
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug: scrypt with n=2**15, r=8, p=1
    CONFIRM_TOKEN_MAX_AGE = 60 * 60 * 24 * 3
    RESET_TOKEN_MAX_AGE = 60 * 60

    # 担当課 routing: a referral with no reply from the department after this many days is overdue.
    REFERRAL_DUE_DAYS = int(os.environ.get("REFERRAL_DUE_DAYS", "14"))

    # i18n
    BABEL_DEFAULT_LOCALE = "ja"
    BABEL_DEFAULT_TIMEZONE = "Asia/Tokyo"
    LANGUAGES = {"ja": "日本語", "en": "English"}

    # Uploads and maps
    MAX_CONTENT_LENGTH = 40 * 1024 * 1024
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png")
    MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "国土地理院")

    # Pins outside this box (south, west, north, east) are refused: the city of Hiratsuka.
    HIRATSUKA_BOUNDS = (35.295, 139.275, 35.405, 139.395)
    MAP_CENTER = (35.3350, 139.3490)

    PLAN_DATA_FILE = str(BASE_DIR / "app" / "plan" / "data" / "plan.yaml")

    def __init__(self):
        if not self.SECRET_KEY:
            self.SECRET_KEY = _dev_secret_key()


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    MAIL_BACKEND = "memory"
    SERVER_NAME = "localhost"
    SECRET_KEY = "test-secret-key-not-for-production"
    MAP_TILE_URL = ""  # the test machine has no internet: maps run without background tiles
    RAISE_UNEXPECTED_ERRORS = True  # a bug fails its test with the traceback, not a bare 500
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashing keeps the suite quick; production uses scrypt


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"

    def __init__(self):
        # Refuse to start with a guessable or missing secret.
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production (see README: 本番運用).")
        if not os.environ.get("DATABASE_URL"):
            raise RuntimeError("DATABASE_URL must be set in production (PostgreSQL).")


CONFIGS = {"development": Config, "test": TestConfig, "production": ProductionConfig}


def get_config(name=None):
    """Instantiate the config named by APP_ENV (default development)."""
    name = name or os.environ.get("APP_ENV", "development")
    return CONFIGS[name]()

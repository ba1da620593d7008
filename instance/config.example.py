# Copy to instance/config.py. Environment variables of the same name win over this file.
# SECRET_KEY = "a long random string shared by every instance"
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://meetings@db.example.org/meetings"
# MAIL_SERVER = "smtp.example.org"
# MAIL_PORT = 587
# MAIL_USE_TLS = True
# MAIL_USERNAME = "meetings"
# MAIL_PASSWORD = "..."
# MAIL_DEFAULT_SENDER = "Conference secretariat <no-reply@example.org>"
# PUBLIC_BASE_URL = "https://meetings.example.org"
# UPLOAD_MAX_BYTES = 10 * 1024 * 1024

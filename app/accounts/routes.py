"""Registration, confirmation, login, password and profile pages."""
import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import bp, forms, services
from app.centers.services import get_center
from app.extensions import db, form_value_key, limiter
from app.util.http import safe_next

GENERIC_LOGIN_ERROR = _l("メールアドレスまたはパスワードが正しくありません。")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def register():
    """New resident account; confirmation mail follows."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = forms.RegisterForm()
    form.load_center_choices()
    if form.validate_on_submit():
        services.register_user(form.email.data, form.display_name.data, form.password.data,
                               home_center=get_center(form.home_center.data), age_band=form.age_band.data)
        db.session.commit()
        return render_template("accounts/check_email.html", email=form.email.data)
    return render_template("accounts/register.html", form=form)


@bp.route("/confirm/<token>")
def confirm_email(token):
    """Confirm the e-mail address from the signed link."""
    try:
        user = services.confirm_email(token)
    except services.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("accounts.login"))
    db.session.commit()
    flash(_("メールアドレスを確認しました。ひらつか共創ひろばへようこそ。"), "success")
    if not current_user.is_authenticated:
        login_user(user)
    return redirect(url_for("home.index"))


@bp.route("/confirm/resend", methods=["POST"])
@login_required
@limiter.limit("3 per hour")
def resend_confirmation():
    """Send the confirmation mail again."""
    if not current_user.is_confirmed:
        services.send_confirmation(current_user)
        flash(_("確認メールを再送しました。メールが届かない場合は、迷惑メールのフォルダもご確認ください。"), "info")
    return redirect(url_for("accounts.profile"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per 10 minutes", methods=["POST"])
@limiter.limit("8 per 10 minutes", methods=["POST"], key_func=form_value_key("email"))
def login():
    """Log in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(safe_next(url_for("home.index")))
    form = forms.LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(str(GENERIC_LOGIN_ERROR))
        elif user.is_suspended:
            form.password.errors.append(_("このアカウントは利用を停止されています。お問い合わせは協働推進課まで。"))
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            flash(_("%(name)sさん、ようこそ。", name=user.display_name), "success")
            return redirect(safe_next(url_for("home.index")))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out (POST only, so a link elsewhere cannot log you out)."""
    logout_user()
    flash(_("ログアウトしました。"), "info")
    return redirect(url_for("home.index"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("3 per hour", methods=["POST"], key_func=form_value_key("email"))
def forgot_password():
    """Ask for a reset link; the answer is the same whether the account exists or not."""
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("accounts/check_email.html", email=form.email.data, reset=True)
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def reset_password(token):
    """Choose a new password from the mailed link."""
    try:
        user = services.user_for_reset_token(token)
    except services.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("accounts.forgot_password"))
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(user, form.password.data)
        db.session.commit()
        logout_user()
        flash(_("パスワードを変更しました。新しいパスワードでログインしてください。"), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    """Edit display name, district and age band."""
    form = forms.ProfileForm(obj=current_user)
    form.load_center_choices()
    if not form.is_submitted():
        form.home_center.data = current_user.home_center_id or 0
        form.age_band.data = current_user.age_band or ""
    if form.validate_on_submit():
        services.update_profile(current_user, display_name=form.display_name.data,
                                home_center=get_center(form.home_center.data), age_band=form.age_band.data)
        db.session.commit()
        flash(_("プロフィールを保存しました。"), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form)


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def notification_settings():
    """Choose how notifications arrive by e-mail: immediately, a daily digest, or not at all."""
    form = forms.NotificationSettingsForm(obj=current_user)
    if form.validate_on_submit():
        current_user.notify_email = form.notify_email.data
        db.session.commit()
        flash(_("お知らせの設定を保存しました。"), "success")
        return redirect(url_for("accounts.notification_settings"))
    return render_template("accounts/notification_settings.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def change_password():
    """Change password; other sessions are logged out."""
    form = forms.ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except services.AccountError as exc:
            form.current_password.errors.append(str(exc))
        else:
            db.session.commit()
            login_user(current_user._get_current_object())  # keep this session, with the new token
            flash(_("パスワードを変更しました。"), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/account/export")
@login_required
def export():
    """Download everything the site holds about me (JSON)."""
    body = json.dumps(services.export_account(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=my-data.json"})


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def delete_account():
    """Delete my account; my posts stay, shown as 退会したユーザー."""
    form = forms.DeleteAccountForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.password.data):
            form.password.errors.append(_("パスワードが正しくありません。"))
        else:
            services.delete_account(current_user)
            db.session.commit()
            logout_user()
            flash(_("退会の手続きが完了しました。ご利用ありがとうございました。"), "info")
            return redirect(url_for("home.index"))
    return render_template("accounts/delete.html", form=form)

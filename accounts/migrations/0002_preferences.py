import accounts.models
import django.core.validators
from django.db import migrations, models


def fill_calendar_tokens(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(calendar_token__isnull=True).only("id"):
        user.calendar_token = accounts.models.new_calendar_token()
        user.save(update_fields=["calendar_token"])


def days(name, default, label):
    return migrations.AddField(
        model_name="user",
        name=name,
        field=models.PositiveSmallIntegerField(
            default=default,
            verbose_name=label,
            validators=[
                django.core.validators.MinValueValidator(1),
                django.core.validators.MaxValueValidator(3650),
            ],
        ),
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="time_zone",
            field=models.CharField(
                default=accounts.models.default_time_zone,
                max_length=64,
                validators=[accounts.models.validate_time_zone],
            ),
        ),
        days("vip_follow_up_days", 14, "VIP contacts"),
        days("high_follow_up_days", 30, "high importance"),
        days("medium_follow_up_days", 90, "medium importance"),
        days("low_follow_up_days", 180, "low importance"),
        migrations.AddField(
            model_name="user",
            name="digest_enabled",
            field=models.BooleanField(
                default=False,
                help_text="One e-mail a day with due reminders and contacts who need attention.",
                verbose_name="daily digest e-mail",
            ),
        ),
        # A unique column with a random default needs three steps: add, fill each row, constrain.
        migrations.AddField(
            model_name="user",
            name="calendar_token",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.RunPython(fill_calendar_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="calendar_token",
            field=models.CharField(
                default=accounts.models.new_calendar_token, max_length=64, unique=True
            ),
        ),
    ]

from django.db import migrations, models


def names_from_full_names(apps, schema_editor) -> None:
    """An account that already had a first or last name shows it, not its username."""
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(first_name="", last_name="").only("first_name", "last_name"):
        name = " ".join(f"{user.first_name} {user.last_name}".split())[:100]
        if name:
            User.objects.filter(pk=user.pk).update(display_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_login_limit"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="display_name",
            field=models.CharField(
                blank=True,
                help_text="Your name as people you meet see it, e.g. on your Quick Connect form.",
                max_length=100,
                verbose_name="display name",
            ),
        ),
        migrations.RunPython(names_from_full_names, migrations.RunPython.noop),
    ]

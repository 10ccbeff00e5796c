from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_data_version"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="user",
            name="data_version",
        ),
    ]

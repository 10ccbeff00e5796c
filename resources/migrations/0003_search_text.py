from django.db import migrations

import devhub.lib.fields


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_alter_sharedresource_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="sharedresource",
            name="search_text",
            field=devhub.lib.fields.FoldedField(sources=("title", "url")),
        ),
    ]

from django.db import migrations

import devhub.lib.fields


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0002_type_restrict"),
    ]

    operations = [
        migrations.AddField(
            model_name="interaction",
            name="search_text",
            field=devhub.lib.fields.FoldedField(sources=("subject", "notes")),
        ),
        migrations.AddField(
            model_name="interactiontype",
            name="name_key",
            field=devhub.lib.fields.FoldedField(sources=("name",)),
        ),
    ]

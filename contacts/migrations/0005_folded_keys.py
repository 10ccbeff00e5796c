from django.db import migrations

import devhub.lib.fields


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_connected_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="search_text",
            field=devhub.lib.fields.FoldedField(
                sources=("name", "company", "email", "github_username", "notes")
            ),
        ),
        migrations.AddField(
            model_name="tag",
            name="name_key",
            field=devhub.lib.fields.FoldedField(sources=("name",)),
        ),
    ]

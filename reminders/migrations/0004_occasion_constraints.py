"""The shorter occasion and one reminder per occasion, once 0003 has translated the old keys
(separate: PostgreSQL cannot alter a table with pending trigger events from the same
transaction's updates)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0003_occasion_foreign_keys"),
    ]

    operations = [
        migrations.AlterField(
            model_name='reminder',
            name='occasion',
            field=models.CharField(blank=True, editable=False, max_length=40),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('is_automatic', True), ('kind__in', ['check_in', 'birthday', 'conference_follow_up'])), fields=('contact', 'kind', 'occasion', 'occasion_on'), name='reminder_contact_occasion_once'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('interaction__isnull', False), ('is_automatic', True), ('kind', 'follow_up')), fields=('interaction', 'occasion_on'), name='reminder_interaction_occasion_once'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('is_automatic', True), ('kind', 'job_application'), ('opportunity__isnull', False)), fields=('opportunity', 'occasion'), name='reminder_opportunity_occasion_once'),
        ),
    ]

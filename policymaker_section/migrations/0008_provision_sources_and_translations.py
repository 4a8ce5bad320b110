import django.db.models.deletion
import uuid

from django.db import migrations, models

from msme_platform.core.migration_operations import make_child_rows_translatable


class Migration(migrations.Migration):
    dependencies = [
        ("policymaker_section", "0007_category_review_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreementpage",
            name="status_recorded_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The year the source recorded this status, if it says (e.g. 2016 for statuses taken from the Texts of Trade Agreements corpus). Visitors are told an old status may have changed since.",
                null=True,
                verbose_name="status recorded in",
            ),
        ),
        migrations.AddField(
            model_name="provision",
            name="category_provisional",
            field=models.BooleanField(
                default=False,
                help_text="Ticked when the category was assigned by a rule (from chapter and article titles), not by a person. Visitors see it as provisional: untick it once you have checked the category against the text.",
                verbose_name="category provisional",
            ),
        ),
        migrations.AddField(
            model_name="provision",
            name="excerpt_language",
            field=models.CharField(
                blank=True,
                choices=[("en", "English"), ("fr", "French"), ("es", "Spanish")],
                help_text="The language the treaty text is quoted in. Quotations are not translated.",
                max_length=8,
                verbose_name="language of the excerpt",
            ),
        ),
        migrations.AddField(
            model_name="provision",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="provision",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        make_child_rows_translatable("policymaker_section", "Provision"),
        migrations.AlterField(
            model_name="provision",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="provision",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="provision",
            unique_together={("translation_key", "locale")},
        ),
    ]

import django.db.models.deletion
import uuid

from django.db import migrations, models

from msme_platform.core.migration_operations import make_child_rows_translatable


class Migration(migrations.Migration):
    dependencies = [
        ("msme_section", "0006_alter_resource_audience_alter_studypage_study_type"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="studykeyfigure",
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
            model_name="studykeyfigure",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        make_child_rows_translatable("msme_section", "StudyKeyFigure"),
        migrations.AlterField(
            model_name="studykeyfigure",
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
            model_name="studykeyfigure",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="studykeyfigure",
            unique_together={("translation_key", "locale")},
        ),
    ]

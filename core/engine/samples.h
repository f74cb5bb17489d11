#pragma once

// The bundled sample datasets (resources/samples, one per purpose), registered the first time an
// engine opens a new store so a new user sees real data at once. Deleting them later is respected:
// they are seeded once per store, not on every start.

#include "engine/datasets/dataset_service.h"

#include <QString>

namespace wb::engine {

//! Copies the samples to `samplesDir` and registers them, once per store.
api::Status seedSampleDatasets(DatasetService &datasets, store::Store &store, const QString &samplesDir);

} // namespace wb::engine

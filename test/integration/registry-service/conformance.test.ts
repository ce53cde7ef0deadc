import { apicurioDiffers, describeConformance } from './conformance-cases.js';
import { eventlineAndApicurio } from './support.js';

describeConformance(eventlineAndApicurio(apicurioDiffers));
